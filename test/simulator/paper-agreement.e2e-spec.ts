import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AfterTradeGuard } from '../../src/guards/application/after-trade.guard';
import { Clock } from '../../src/platform/time/clock';
import { FakeClock } from '../risk/support/risk.fakes';
import { waitFor } from '../routing/support/wait';
import { startTestApp, TestApp } from '../support/test-app';
import { Client } from 'pg';
import {
  asJsonItems,
  DAYS,
  NQ_POINT,
  RandomTrade,
  randomTrades,
  tradeAt,
  ZONE,
} from './support/random-trades';
import { DateTime } from 'luxon';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field

const SECRET = 'paper-agreement-secret';
const ROOT = join(__dirname, '..', '..');
interface Program {
  firm: string;
  name: string;
  size: number;
}
/**
 * The cases: a seed, its number of trades, the catalogue programs it is fed to. Between them: hard daily losses
 * (FTMO, Aqua), intraday trailing (Apex) and end-of-day trailing breaches (MFFU, Tradeify), soft daily pauses
 * (Topstep, Tradeify), a percentage daily loss (Top One), the locks at start and start + 100 (Alpha, Bolt, Apex
 * EOD), consistency refusals and passes (seeds picked for that with the simulator alone; each case ~25 s).
 */
const CASES: { seed: number; trades: number; programs: Program[] }[] = [
  {
    seed: 19005,
    trades: 8,
    programs: [
      { firm: 'FTMO', name: 'FTMO Challenge 2-Step', size: 10000 },
      { firm: 'APEX', name: 'Intraday Trailing', size: 50000 },
      { firm: 'TOPSTEP', name: 'Trading Combine', size: 50000 },
      { firm: 'MFFU', name: 'Evaluation', size: 50000 },
      { firm: 'TRADEIFY', name: 'Growth Evaluation', size: 50000 },
    ],
  },
  {
    seed: 19027,
    trades: 10,
    programs: [
      { firm: 'ALPHA', name: 'Standard Evaluation', size: 50000 },
      { firm: 'TOPONE', name: 'Elite Challenge', size: 50000 },
      { firm: 'AQUA', name: 'Beginner Evaluation', size: 50000 },
      { firm: 'FUNDEDNEXT', name: 'Bolt', size: 50000 },
      { firm: 'TPT', name: 'Test (Evaluation)', size: 50000 },
      { firm: 'APEX', name: 'EOD Trailing', size: 50000 },
    ],
  },
];

/**
 * An event of an account, in order: an entry refused (its rule), its balance after a trade it took, or the first
 * breach (daily loss or drawdown).
 */
type Event = string;

/**
 * Property (issue 19): for random trade sequences, the simulator's replay and the live path — the same trades sent
 * as entry and exit alerts through the real webhook to paper accounts of the same programs (guard buffer 0), the
 * best and worst open prices posted as marks between them, on the service's clock moved to each fill's time —
 * agree on what happens up to the first breach: the entries refused (by which rule), the balance after each trade
 * taken, and the first breach (daily loss or drawdown, at which trade). Seeded, reproducible: the seeds are in CASES.
 */
describe('simulator ≡ paper account with the live gate and guards (property, e2e)', () => {
  const clock = new FakeClock(new Date(`${DAYS[0]}T12:00:00Z`));
  let t: TestApp;
  let token: string;
  let connection: number;
  let guard: AfterTradeGuard;
  let catalogue: Row[] = [];
  let db: Client;
  const rows = async (sql: string, values: unknown[] = []) => (await db.query(sql, values)).rows as Row[];
  const states = async (ids: number[]) =>
    Promise.all(
      ids.map(async (id) => (await t.request('GET', `/api/accounts/${id}/state`, { token })).body as Row),
    );
  const settled = async (what: string, ids: number[], ok: (s: Row) => boolean) => {
    let last: Row[] = [];
    await waitFor(what, async () => ((last = await states(ids)).every(ok) ? true : null)).catch(
      (e: Error) => {
        const shown = last.map((s) => ({ ...s, positions: undefined, fill_book: undefined }));
        throw new Error(`${e.message}: ${JSON.stringify(shown.filter((s) => !ok(s)))}`);
      },
    );
  };

  beforeAll(async () => {
    t = await startTestApp({
      label: 'paper_agreement',
      env: {
        WEBHOOK_SECRET: SECRET,
        ROUTER_ENABLED: 'true',
        CONNECTOR_RATE_LIMITS: 'off',
        SYNC_POLL_INTERVAL_MS: '100',
        GUARD_SWEEP_MS: '60000',
        RECONCILE_INTERVAL_MS: '86400000',
      },
      override: (b) => b.overrideProvider(Clock).useValue(clock),
    });
    token = await t.login();
    db = new Client({ connectionString: t.db.url });
    await db.connect();
    guard = t.app.get(AfterTradeGuard, { strict: false });
    const doc = JSON.parse(readFileSync(join(ROOT, 'catalog', 'prop-firms.json'), 'utf8'));
    expect((await t.request('POST', '/api/prop-registry/import', { token, body: doc })).status).toBe(200);
    catalogue = (await t.request('GET', '/api/prop-registry/programs', { token })).body.programs as Row[];
    const conn = await t.request('POST', '/api/accounts/connections', {
      token,
      body: { name: 'paper', platform: 'paper' },
    });
    expect(conn.status).toBe(201);
    connection = conn.body.id;
  }, 60_000);
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const idOf = (p: Program): number => {
    const found = catalogue.find(
      (x) => x.firm_code === p.firm && x.account_size === p.size && String(x.name).includes(p.name),
    );
    if (!found) throw new Error(`no ${p.firm} ${p.name} ${p.size} in the imported catalogue`);
    return found.id;
  };

  /** One paper account per program, guard buffer 0, all tagged for this sequence. */
  async function openAccounts(tag: string, programs: Program[]): Promise<number[]> {
    const ids: number[] = [];
    for (const [k, p] of programs.entries()) {
      const programId = idOf(p);
      const r = await t.request('POST', '/api/accounts', {
        token,
        body: {
          label: `${tag}-${p.firm}`,
          firm_code: p.firm,
          program_id: programId,
          connection_id: connection,
          platform_account: `${tag}-${k}`,
          sizing_mode: 'fixed',
          fixed_quantity: 1,
          guard_buffer: 0,
          tags: [tag],
        },
      });
      expect([r.status, r.body]).toEqual([201, expect.anything()]);
      ids.push(r.body.id);
    }
    return ids;
  }

  async function alert(body: Row): Promise<Row> {
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      body: { secret: SECRET, symbol: 'NQ', ...body },
    });
    expect(r.status).toBe(202);
    return waitFor(`task ${r.body.task_id}`, async () => {
      const task = await t.request('GET', `/api/execution/tasks/${r.body.task_id}`, { token });
      return task.body.status === 'COMPLETED' ? (task.body.result ?? task.body) : null;
    });
  }

  /** The guard on every account (as its watch would after the read), then its trips finished. */
  async function guardAll(ids: number[]): Promise<void> {
    for (const id of ids) await guard.checkAccount(id);
    await waitFor('the guard trips to finish', async () => {
      const open = await rows(
        'SELECT id FROM guard_trips WHERE account_id = ANY($1) AND completed_at IS NULL',
        [ids],
      );
      return open.length === 0;
    });
  }

  const at = tradeAt;

  /**
   * The prices (points from the entry, one NQ) strictly between `from` and `to` at which an open account's daily
   * loss line or drawdown floor is reached, from its rooms on the dashboard (the gate's numbers), highest first.
   */
  async function linesOnTheWay(ids: number[], from: number, to: number): Promise<number[]> {
    const cards = (await t.request('GET', '/api/dashboard/accounts', { token })).body.items as Row[];
    const levels = new Set<number>();
    for (const c of cards.filter((x) => ids.includes(x.account_id) && x.state?.positions.length > 0)) {
      for (const room of [c.state.daily_loss_left, c.state.drawdown_left]) {
        if (room === null || room <= 0) continue;
        const level = Math.floor((from - room / NQ_POINT) * 4) / 4; // the first tick at or past the line
        if (level > to && level < from) levels.add(level);
      }
    }
    return [...levels].sort((a, b) => b - a);
  }

  /** The live path: each trade as alerts and marks on the service's clock; per account, its events. */
  async function live(tag: string, ids: number[], trades: RandomTrade[]): Promise<Event[][]> {
    const events: Event[][] = ids.map(() => []);
    const seen = new Set<string>();
    const breached = () => ids.map((_, k) => events[k].some((e) => e.startsWith('breach')));
    const collectTrips = async (i: number) => {
      const trips = await rows(
        'SELECT id, account_id, rule FROM guard_trips WHERE account_id = ANY($1) ORDER BY id',
        [ids],
      );
      for (const trip of trips) {
        if (seen.has(String(trip.id))) continue;
        seen.add(String(trip.id));
        const k = ids.indexOf(trip.account_id);
        if (!breached()[k]) events[k].push(`breach ${trip.rule === 'drawdown' ? 'drawdown' : 'daily'} @${i}`);
      }
    };
    let price = 20000;
    for (const [i, tr] of trades.entries()) {
      if (breached().every(Boolean)) break; // every account's first breach is known: nothing left to compare
      const sign = tr.side === 'buy' ? 1 : -1;
      const entryAt = at(tr);
      clock.current = entryAt;
      const day = DAYS[tr.day];
      // a platform read at the entry's instant: the day rolled as the platform's sync rolls it, the state fresh
      await settled(
        `trade ${i}: the accounts read on ${day}`,
        ids,
        (s) => s.trading_day === day && new Date(s.confirmed_at) >= entryAt,
      );
      const entry = await alert({ trade_id: `${tag}-${i}`, action: tr.side, entry_price: price, tags: tag });
      const filled: number[] = [];
      for (const [k, id] of ids.entries()) {
        const risk = (entry.risk_checks as Row[]).find((c) => c.account_id === id);
        if (risk?.status === 'REJECTED') {
          if (!breached()[k]) events[k].push(`skip ${risk.rule} @${i}`);
        } else if (
          (entry.connector_results as Row[]).some((c) => c.account_id === id && c.status === 'SUCCESS')
        )
          filled.push(id);
      }
      await settled(`trade ${i}: the positions`, filled, (s) => s.open_contracts === sign);
      const mark = async (points: number, minutes: number) => {
        clock.current = at(tr, minutes);
        const r = await t.request('POST', '/api/paper/prices', {
          token,
          body: { symbol: 'NQ', price: price + sign * points },
        });
        expect(r.status).toBe(200);
        const open = points * NQ_POINT;
        await settled(
          `trade ${i}: open P&L ${open}`,
          filled,
          (s) => s.open_contracts === 0 || s.open_pnl === open,
        );
        await guardAll(ids);
        await collectTrips(i);
      };
      if (tr.best > 0) await mark(tr.best, 5);
      if (tr.worst > 0) {
        // a price falls through every level on its way to the worst: post, on the way, the level of each line an
        // account still holding the position would meet (its room as the live system reports it, to the tick),
        // so that the guard sees the lines in the order the price reaches them
        const from = tr.best;
        for (const points of await linesOnTheWay(filled, from, -tr.worst)) await mark(points, 8);
        await mark(-tr.worst, 10);
      }
      clock.current = at(tr, 30);
      const exitPrice = price + sign * tr.exit;
      await alert({ trade_id: `${tag}-${i}`, action: 'exit', entry_price: exitPrice, tags: tag });
      await settled(`trade ${i}: flat`, filled, (s) => s.open_contracts === 0);
      await guardAll(ids);
      await collectTrips(i);
      // before its first breach, an account's balance after each trade it took: the replay's equity there
      const after = await states(filled);
      for (const [n, id] of filled.entries()) {
        const k = ids.indexOf(id);
        if (!breached()[k]) events[k].push(`equity ${after[n].balance} @${i}`);
      }
      price = exitPrice;
    }
    return events;
  }

  /** Events of one trade in the order the live path records them. */
  const order = (e: Event) => ['skip', 'breach', 'equity'].indexOf(e.split(' ')[0]);

  /** The simulator over the same trades (a JSON upload to the same app, its registry), per program its events. */
  async function simulated(
    trades: RandomTrade[],
    programIds: number[],
  ): Promise<{ events: Event[][]; verdicts: Row[] }> {
    const items = asJsonItems(trades);
    const r = await t.request('POST', '/api/simulator/runs', {
      token,
      body: {
        format: 'json',
        file: JSON.stringify(items),
        timezone: 'UTC',
        program_ids: programIds,
        curve: true,
      },
    });
    expect([r.status, r.body.details]).toEqual([201, undefined]);
    const verdicts = programIds.map((id) =>
      (r.body.report.verdicts as Row[]).find((v) => v.program_id === id)!,
    );
    const indexOf = (ref: string) => Number(/^item (\d+)$/.exec(ref)![1]) - 1;
    const exitIndex = (iso: string) => items.findIndex((x) => x.exit_time === iso || x.entry_time === iso);
    const events = verdicts.map((v) => {
      const out: { i: number; e: Event }[] = [];
      for (const s of v.skipped.first as Row[])
        out.push({ i: indexOf(s.trade), e: `skip ${s.rule} @${indexOf(s.trade)}` });
      for (const p of v.pauses as Row[])
        out.push({ i: exitIndex(p.at), e: `breach daily @${exitIndex(p.at)}` });
      for (const p of v.curve as Row[]) {
        const i = items.findIndex((x) => x.exit_time === p.at);
        if (i >= 0) out.push({ i, e: `equity ${p.equity} @${i}` });
      }
      if (v.failure) {
        const i = indexOf(v.failure.trade);
        const kind: Record<string, string> = { DAILY_LOSS_LIMIT: 'daily', MAX_LOSS_LIMIT: 'drawdown' };
        out.push({ i, e: `breach ${kind[v.failure.rule] ?? v.failure.rule} @${i}` });
      }
      // the first breach, what came before it (the breaching trade's own curve point is not an equity live shows)
      const breach = out.filter((x) => x.e.startsWith('breach')).sort((a, b) => a.i - b.i)[0];
      const kept = breach ? out.filter((x) => x.i < breach.i || x === breach) : out;
      return kept.sort((a, b) => a.i - b.i || order(a.e) - order(b.e)).map((x) => x.e);
    });
    return { events, verdicts };
  }

  /** The trades the simulator replayed up to: all of them, or up to its pass day (it stops there). */
  function comparedUpTo(trades: RandomTrade[], verdict: Row): number {
    if (verdict.status !== 'PASSED') return trades.length;
    return trades.filter((tr) => DAYS[tr.day] <= verdict.passed_on).length;
  }

  it.each(CASES)(
    'seed $seed: the same refusals, balances and first breach',
    async ({ seed, trades: count, programs }) => {
      const trades = randomTrades(seed, count);
      const tag = `prop-${seed}`;
      clock.current = DateTime.fromISO(`${DAYS[0]}T09:00`, { zone: ZONE }).toJSDate();
      const ids = await openAccounts(tag, programs);
      await settled(
        'the paper accounts opened',
        ids,
        (s) => s.source === 'platform' && s.trading_day === DAYS[0],
      );
      const sim = await simulated(trades, programs.map(idOf));
      const got = await live(tag, ids, trades);
      const compared = programs.map((p, k) => {
        const upTo = comparedUpTo(trades, sim.verdicts[k]);
        const within = (e: Event) => Number(e.split('@')[1]) < upTo;
        return {
          program: `${p.firm} ${p.name} ${p.size}`,
          simulator: sim.events[k].filter(within),
          live: got[k].filter(within),
        };
      });
      const context = JSON.stringify({ seed, trades }, null, 0);
      for (const c of compared) expect({ ...c, context }).toEqual({ ...c, live: c.simulator, context });
      // the property is not vacuous: some program breaches in each sequence
      expect(compared.some((c) => c.simulator.some((e) => e.startsWith('breach')))).toBe(true);
    },
    120_000,
  );
});
