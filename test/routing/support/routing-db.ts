import { withClient } from '../../support/test-database';

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
