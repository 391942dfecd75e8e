import { withClient } from '../../support/test-database';

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
