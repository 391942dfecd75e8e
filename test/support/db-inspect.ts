import { createHash } from 'node:crypto';
import type { Client } from 'pg';
import { withClient } from './test-database';

/** Reads straight from a test database's tables, for assertions that must not trust the API under test. */

export interface TaskCounts {
  PENDING: number;
  PROCESSING: number;
  COMPLETED: number;
  FAILED: number;
}

/** Straight from the tables, for assertions that must not trust the API under test. */
export async function taskCounts(url: string): Promise<TaskCounts> {
  return withClient(url, async (c) => {
    const rows = (await c.query('SELECT status, count(*)::int AS n FROM execution_tasks GROUP BY status'))
      .rows;
    const counts: TaskCounts = { PENDING: 0, PROCESSING: 0, COMPLETED: 0, FAILED: 0 };
    for (const r of rows) counts[r.status as keyof TaskCounts] = r.n;
    return counts;
  });
}

/** Tasks with a number of execution logs other than one (exactly-once check). */
export async function tasksNotLoggedOnce(url: string): Promise<{ id: string; logs: number }[]> {
  return withClient(
    url,
    async (c) =>
      (
        await c.query(`SELECT t.id, count(l.id)::int AS logs FROM execution_tasks t
          LEFT JOIN execution_logs l ON l.task_id = t.id GROUP BY t.id HAVING count(l.id) <> 1`)
      ).rows,
  );
}

/** Row counts of the given tables (a table that does not exist counts -1, so the difference is visible). */
export async function rowCounts(url: string, tables: readonly string[]): Promise<Record<string, number>> {
  return withClient(url, async (c) => {
    const out: Record<string, number> = {};
    for (const t of tables) {
      const exists = await c.query('SELECT to_regclass($1) AS t', [`public.${t}`]);
      if (!exists.rows[0].t) out[t] = -1;
      else out[t] = Number((await c.query(`SELECT count(*)::int AS n FROM "${t}"`)).rows[0].n);
    }
    return out;
  });
}

/** Every public table, every row, as text: for grepping stored data for secrets. */
export async function dumpAllTables(url: string): Promise<{ tables: number; rows: number; text: string }> {
  return withClient(url, async (c) => {
    const names = (
      await c.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)
    ).rows.map((r) => r.tablename);
    let rows = 0;
    const parts: string[] = [];
    for (const t of names) {
      const r = await c.query<{ line: string }>(`SELECT t::text AS line FROM "${t}" t`);
      rows += r.rows.length;
      parts.push(`## ${t}\n${r.rows.map((x) => x.line).join('\n')}`);
    }
    return { tables: names.length, rows, text: parts.join('\n') };
  });
}

/** Task ids by status. */
export async function taskStatuses(url: string): Promise<Map<number, string>> {
  return withClient(url, async (c) => {
    const r = await c.query<{ id: string; status: string }>('SELECT id, status FROM execution_tasks');
    return new Map(r.rows.map((row) => [Number(row.id), row.status]));
  });
}

/**
 * A fingerprint of every public table less `skip`, for "nothing changed" checks: its row count and the sum
 * of its row versions' transaction ids (`xmin`). An update replaces a row version by one with the updating
 * transaction's xmin, an insert or delete changes the count, so equal fingerprints mean no row was added,
 * removed or altered in between (a row lock is not a change). Cheap enough to take around every request.
 */
export async function tableDigests(c: Client, skip: readonly string[] = []): Promise<Record<string, string>> {
  const names = (
    await c.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    )
  ).rows
    .map((r) => r.t)
    .filter((t) => !skip.includes(t));
  const parts = names.map(
    (t) => `SELECT '${t}' AS t, count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) AS d FROM "${t}"`,
  );
  const text = parts.join(' UNION ALL ');
  // named: prepared once per connection and text, planned once
  const name = `digest-${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
  const r = await c.query<{ t: string; d: string }>({ name, text });
  return Object.fromEntries(r.rows.map((row) => [row.t, row.d]));
}

/** The tables whose digests differ. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}
