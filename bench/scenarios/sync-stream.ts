import { readFileSync } from 'node:fs';
import Decimal from 'decimal.js';
import { Client } from 'pg';
import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { Platforms, startPlatforms } from '../../test/support/platforms';
import { serviceToken } from '../../test/support/service-http';
import { BenchContext, withDatabase, withService } from '../support/context';
import { Check, figure, ScenarioResult } from '../support/figures';
import { sleep, summarize, wallNow } from '../support/stats';
import { buyOne, fakeToken, FrameWatcher } from '../support/tradovate-fake-client';
import { ACCOUNTS_API_ENV, configureAccounts } from '../support/trading-accounts';
import { programIdsFor } from '../support/webhook';

const SCENARIO = 'Sync over the Tradovate stream';
const TAG = 'sync-stream';
/** Four Apex accounts on one Tradovate login: one socket, each price move a cashBalance event per account. */
const ACCOUNTS = Array.from({ length: 4 }, (_, i) => ({ id: 6101 + i, name: `APEXSYNC${i + 1}` }));
const ENTRY = new Decimal('21000');
const TICK = new Decimal('0.25');
/** NQ: $20 a point, one contract held per account. */
const POINT_VALUE = 20;
const EVENT_TIMEOUT_MS = 5000;
/** Between two reads of the rows: often enough to time the update, not so often that reading competes with it. */
const POLL_MS = 2;

interface Measured {
  /** Price move → the account's row shows its new open P&L, per account and move. */
  toState: number[];
  /** Price move → the same event's frame at a bare WebSocket subscriber of the fake (the floor). */
  toFrame: number[];
  timeouts: number;
  cpuMs: number | null;
  idleCpuMs: number | null;
  durationMs: number;
  restReads: number;
  modes: string[];
}

/**
 * Platform event → account state updated, over Tradovate's user WebSocket: the service (sync on, accounts
 * configured through the API) holds one stream for a login of 4 accounts, each long 1 NQ at the fake. Each
 * measured event is a price move at the fake (`setPrice`), which Tradovate's stream reports as a cash
 * balance change per account; the time runs until the account's row in `account_states` shows the new open
 * P&L (read every 2 ms), one move after another. The floor is the same event reaching a bare
 * WebSocket subscriber of the fake in this process. The service's CPU (from /proc) over the moves, less its
 * idle CPU over as long, per 1,000 account events.
 */
export async function benchSyncStream(ctx: BenchContext): Promise<ScenarioResult> {
  const moves = ctx.quick ? 50 : 300;
  const fakes = await startPlatforms({ accounts: { tradovate: ACCOUNTS } });
  const tv = fakes.byFirm.APEX;
  try {
    return await withDatabase((db) =>
      withService(ctx, 'sync-stream', serviceEnv(db.url), async (service) => {
        const [programId] = await programIdsFor(db.url, ['APEX']);
        const login = { platform: 'tradovate' as const, firm: 'APEX', programId, accounts: ACCOUNTS };
        const configured = await configureAccounts(service.url, fakes.connections, [login], TAG);
        const ids = configured.map((a) => a.id);
        const pg = new Client({ connectionString: db.url });
        await pg.connect();
        const token = await fakeToken(tv, fakes.connections.tradovate.credentials);
        const api = await serviceToken(service.url);
        const mode = () => syncMode(service.url, api);
        try {
          ctx.log(`sync-stream: ${ids.length} accounts; opening positions, waiting for the stream`);
          tv.setPrice('NQ', ENTRY);
          for (const a of ACCOUNTS) await buyOne(tv, token, a);
          await until(
            async () => (await mode()) === 'streaming' && (await openContracts(pg, ids)) === ids.length,
          );
          const floor = await FrameWatcher.open(tv, token);
          try {
            ctx.log(`sync-stream: ${moves} price moves, one after another`);
            const m = await measure(moves, ids, pg, floor, fakes, tv, service.pid);
            m.modes = [await mode()];
            return report(m, moves, ids.length);
          } finally {
            floor.close();
          }
        } finally {
          await pg.end();
        }
      }),
    );
  } finally {
    await fakes.close();
  }
}

function serviceEnv(databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    ...ACCOUNTS_API_ENV,
    CONNECTOR_RATE_LIMITS: 'off',
    SYNC_POLL_INTERVAL_MS: '1000',
  };
}

async function measure(
  moves: number,
  ids: number[],
  pg: Client,
  floor: FrameWatcher,
  fakes: Platforms,
  tv: FakePlatform,
  pid: number,
): Promise<Measured> {
  const reads = () =>
    tv.requests().filter((r) => /cashBalance|position\/list|fill\/list/i.test(r.path)).length;
  const idleStart = cpuMs(pid);
  await sleep(1000);
  const idleEnd = cpuMs(pid);
  const readsBefore = reads();
  const toState: number[] = [];
  let timeouts = 0;
  const started = wallNow();
  const cpuStart = cpuMs(pid);
  for (let i = 1; i <= moves; i++) {
    const price = ENTRY.plus(TICK.times(i));
    const expected = price.minus(ENTRY).times(POINT_VALUE);
    floor.expect(expected);
    const at = wallNow();
    fakes.setPrice('NQ', price.toFixed());
    const seen = await statesShow(pg, ids, expected, EVENT_TIMEOUT_MS);
    if (seen.size < ids.length) timeouts += 1;
    for (const t of seen.values()) toState.push(t - at);
    floor.settle(at);
  }
  const cpuEnd = cpuMs(pid);
  const durationMs = wallNow() - started;
  const idlePerMs = idleStart !== null && idleEnd !== null ? (idleEnd - idleStart) / 1000 : null;
  return {
    toState,
    toFrame: floor.latencies,
    timeouts,
    cpuMs: cpuStart !== null && cpuEnd !== null ? cpuEnd - cpuStart : null,
    idleCpuMs: idlePerMs === null ? null : idlePerMs * durationMs,
    durationMs,
    restReads: reads() - readsBefore,
    modes: [],
  };
}

/** Polls the accounts' rows until each shows `openPnl` (or time is up): when each was first seen so. */
async function statesShow(
  pg: Client,
  ids: number[],
  openPnl: Decimal,
  timeoutMs: number,
): Promise<Map<number, number>> {
  const seen = new Map<number, number>();
  const deadline = Date.now() + timeoutMs;
  while (seen.size < ids.length && Date.now() < deadline) {
    const r = await pg.query<{ account_id: number; open_pnl: string }>(
      'SELECT account_id, open_pnl::text FROM account_states WHERE account_id = ANY($1)',
      [ids],
    );
    const now = wallNow();
    for (const row of r.rows) {
      if (!seen.has(row.account_id) && new Decimal(row.open_pnl).eq(openPnl)) seen.set(row.account_id, now);
    }
    await sleep(POLL_MS);
  }
  return seen;
}

function report(m: Measured, moves: number, accounts: number): ScenarioResult {
  const events = moves * accounts;
  const state = summarize(m.toState);
  const frame = summarize(m.toFrame);
  const base = { scenario: SCENARIO, unit: 'ms', better: 'lower' as const };
  const per1000 = (ms: number | null) => (ms === null ? null : (ms / events) * 1000);
  const figures = [
    figure({
      ...base,
      id: 'sync.stream.event_to_state_p50_ms',
      label: `platform event → account state updated p50 (${accounts} accounts, one socket)`,
      value: state.p50,
      floor: { label: 'same event → a bare WebSocket subscriber, p50', value: frame.p50 },
    }),
    figure({
      ...base,
      id: 'sync.stream.event_to_state_p99_ms',
      label: `platform event → account state updated p99 (${accounts} accounts, one socket)`,
      value: state.p99,
      floor: { label: 'same event → a bare WebSocket subscriber, p99', value: frame.p99 },
      target: 1000,
      note: 'the issue: open P&L follows the platform within 1 s over the stream',
    }),
    figure({
      ...base,
      id: 'sync.stream.cpu_ms_per_1000_events',
      label: 'service CPU per 1,000 account events, idle CPU over as long subtracted',
      value: m.cpuMs !== null && m.idleCpuMs !== null ? per1000(Math.max(0, m.cpuMs - m.idleCpuMs)) : null,
      floor: { label: 'the idle service over as long, per 1,000 events', value: per1000(m.idleCpuMs) },
      note: 'from /proc/<pid>/stat (10 ms ticks); null where /proc is not readable',
    }),
  ];
  const checks: Check[] = [
    {
      name: 'sync-stream: every price move reached every account state',
      ok: m.timeouts === 0 && m.toState.length === events,
      detail: `${m.toState.length}/${events} account updates seen, ${m.timeouts} moves not seen everywhere within ${EVENT_TIMEOUT_MS} ms`,
    },
    {
      name: 'sync-stream: the updates came over the stream (no REST state read while measuring, still streaming)',
      ok: m.restReads === 0 && m.modes.every((mode) => mode === 'streaming'),
      detail: `${m.restReads} REST state reads; sync mode at the end: ${m.modes.join(', ')}`,
    },
  ];
  return {
    figures,
    checks,
    details: { moves, accounts, state, frame, ...m, toState: undefined, toFrame: undefined },
  };
}

/** The service process's user + system CPU in ms (Linux /proc), or null where it cannot be read. */
function cpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // after "pid (comm) ": state is field 3, utime 14 and stime 15 (1-based), in clock ticks of 10 ms
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** The connections' sync modes (one connection here). */
async function syncMode(serviceUrl: string, token: string): Promise<string> {
  const res = await fetch(`${serviceUrl}/api/sync/status`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { items: { mode: string }[] };
  return body.items.map((i) => i.mode).join(',');
}

async function openContracts(pg: Client, ids: number[]): Promise<number> {
  const r = await pg.query<{ n: string }>(
    'SELECT count(*) AS n FROM account_states WHERE account_id = ANY($1) AND open_contracts = 1',
    [ids],
  );
  return Number(r.rows[0].n);
}

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`sync-stream: not ready within ${timeoutMs} ms`);
    await sleep(50);
  }
}
