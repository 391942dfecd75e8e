/**
 * The signal-to-order path's statements one at a time, back to back and at the signals' pace (README "Issue 20,
 * tenth round"): what each database hop costs on this machine when the backend and this process sit idle
 * between signals, beside a bare `SELECT 1` and the floor's single-row insert. Runs on a fresh, migrated
 * database of the machine's Postgres (TEST_PG_URL or BENCH_PG_URL, as the benchmark), dropped at the end.
 * Build and run (the service's build migrates the database): npm run build && npx tsc -p tsconfig.bench.json &&
 * node dist-bench/bench/statement-pace.js
 */
import { join } from 'node:path';
import { Client } from 'pg';
import { lockText } from '../src/routing/infrastructure/persistence/pg-account.locks';
import { RESERVE } from '../src/routing/infrastructure/persistence/pg-order.store';
import { INSERT_MANY } from '../src/routing/infrastructure/persistence/task-queue.sql';
import { createTestDatabase } from '../test/support/test-database';
import { timeSamples } from './support/stats';

const SAMPLES = 200;
const WARM_UP = 20;
const RATES = [0, 100, 20];
const PAYLOAD = {
  event_type: 'entry',
  symbol: 'MNQ',
  side: 'buy',
  quantity: 1,
  firm_codes: ['APEX', 'FTMO'],
};

type Statement = (db: Client, n: number) => Promise<unknown>;

/** One alert's row, as PgTaskQueue.insertMany writes it (handed off: leased to this "router"). */
function taskRows(n: number): string {
  const tradeId = `pace-${process.pid}-${n}`;
  return JSON.stringify([
    {
      ord: 0,
      trade_id: tradeId,
      event_type: 'entry',
      payload: { ...PAYLOAD, trade_id: tradeId },
      lease: true,
      body_hash: '',
      alert_time: '',
      scope: 'pace',
      key_trade_id: tradeId,
    },
  ]);
}

/** Three orders' rows (one entry at three firms), as PgOrderStore.reserveMany writes them. */
function orderRows(taskId: string, n: number): string {
  return JSON.stringify(
    ['APEX', 'FTMO', 'TOPSTEP'].map((firm) => ({
      task_id: taskId,
      flatten_id: null,
      trade_id: `pace-${n}`,
      event_type: 'entry',
      firm_code: firm,
      account_id: null,
      account_label: `env:${firm}`,
      program_id: null,
      client_order_id: `pace-${process.pid}-${n}-${firm}`,
      symbol: 'MNQ',
      side: 'BUY',
      quantity: 1,
      raw_request: { symbol: 'MNQ', side: 'BUY', quantity: 1 },
      closes_order_id: null,
    })),
  );
}

/** The built service's migrator (`npm run build`): this build's copy of it looks for migrations beside itself. */
async function migrate(url: string): Promise<string[]> {
  const built = join(__dirname, '..', '..', 'dist', 'platform', 'database', 'migrate.js');
  const { runMigrations } = (await import(built)) as typeof import('../src/platform/database/migrate');
  return runMigrations(url);
}

async function main(): Promise<void> {
  const database = await createTestDatabase('pace', { empty: true });
  const db = new Client({ connectionString: database.url });
  await db.connect();
  try {
    await migrate(database.url);
    await db.query('CREATE TABLE pace_floor (id BIGSERIAL PRIMARY KEY, payload JSONB NOT NULL)');
    const body = JSON.stringify(PAYLOAD);
    const insertTask =
      (name?: string): Statement =>
      (c, n) =>
        c.query({ name, text: INSERT_MANY, values: [taskRows(n), 'pace-router', 30_000, 3600] });
    let counter = 0;
    const next = () => ++counter;
    await insertTask()(db, next());
    const { rows } = await db.query<{ id: string }>('SELECT max(id)::text AS id FROM execution_tasks');
    const taskId = rows[0].id;
    const statements: [string, Statement][] = [
      ['SELECT 1 (a bare round trip)', (c) => c.query('SELECT 1')],
      [
        'the floor: single-row insert',
        (c) => c.query('INSERT INTO pace_floor (payload) VALUES ($1)', [body]),
      ],
      [
        'decision locks, 3 accounts, then COMMIT (2 trips)',
        async (c) => {
          await c.query(lockText([1, 2, 3]));
          await c.query('COMMIT');
        },
      ],
      ['task insert (INSERT_MANY), prepared', insertTask('pace_enqueue')],
      ['task insert (INSERT_MANY), unnamed', insertTask()],
      [
        "orders' rows, 3 (RESERVE), prepared",
        (c, n) => c.query({ name: 'pace_reserve', text: RESERVE, values: [orderRows(taskId, n)] }),
      ],
      ["orders' rows, 3 (RESERVE), unnamed", (c, n) => c.query(RESERVE, [orderRows(taskId, n)])],
    ];
    console.log(`${SAMPLES} samples per statement and rate (after ${WARM_UP} unmeasured), in ms: p50 / p99`);
    console.log(
      ['statement'.padEnd(52), ...RATES.map((r) => (r ? `${r}/s` : 'back to back').padEnd(16))].join(''),
    );
    for (const [label, statement] of statements) {
      const cells: string[] = [];
      for (const rate of RATES) {
        const s = await timeSamples(() => statement(db, next()), SAMPLES, rate, WARM_UP);
        cells.push(`${s.p50.toFixed(2)} / ${s.p99.toFixed(2)}`.padEnd(16));
      }
      console.log([label.padEnd(52), ...cells].join(''));
    }
  } finally {
    await db.end();
    await database.drop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
