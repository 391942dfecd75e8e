import type { FakeOrderRecord } from '../../src/connectors/fakes/fake-platform';
import { Platforms, startPlatforms } from '../../test/support/platforms';
import { BenchContext, withDatabase, withService } from '../support/context';
import { Check, figure, Figure, ScenarioResult } from '../support/figures';
import { SentSignals, sendPaced } from '../support/paced-sender';
import { floorDetails, floorSamples, pacedFloors, PacedFloors } from '../support/round-trip-floor';
import { summarize, Summary, waitFor, wallNow } from '../support/stats';
import {
  ACCOUNTS_API_ENV,
  ConfiguredAccount,
  configureAccounts,
  LoginLayout,
} from '../support/trading-accounts';
import { programIdsFor, WEBHOOK_SECRET, LoopbackClient } from '../support/webhook';

const SCENARIO = 'Fan-out, 20 accounts';
const TAG = 'fan-out';
const WARM_UP_SIGNALS = 10;
/** Each rate is held this long before its measured seconds start (see sendPaced). */
const LEAD_IN_S = 1;
/** How long the orders of a phase may take to arrive once its signals are sent (a saturated service drains). */
const DRAIN_MS = { quick: 30_000, full: 120_000 };

/** 20 trading accounts on 3 logins: 10 Apex on one Tradovate user, 6 Topstep on one ProjectX user, 4 FTMO on REST. */
const LOGINS: Omit<LoginLayout, 'programId'>[] = [
  { platform: 'tradovate', firm: 'APEX', accounts: range(10, (i) => [5001 + i, `APEXBENCH${i + 1}`]) },
  {
    platform: 'projectx',
    firm: 'TOPSTEP',
    accounts: range(6, (i) => [8001 + i, `TS-BENCH-${i + 1}`]),
    sizing: { sizing_mode: 'fixed', fixed_quantity: 2 },
  },
  { platform: 'rest', firm: 'FTMO', accounts: range(4, (i) => [3001 + i, `FT-${3001 + i}`]) },
];
const ACCOUNTS = LOGINS.reduce((n, l) => n + l.accounts.length, 0);

/** An API account's entry order: `pr{task}-{created, base 36}-a{account id}-en`. */
const CLIENT_ID = /^pr(\d+)-[0-9a-z]+-a(\d+)-en$/;

interface FanOutPhase {
  rate: number;
  durationS: number;
  accepted: number;
  rejected: number;
  /** Signal → first and → last of its accounts' orders at the fakes, per signal whose orders all arrived. */
  first: Summary;
  last: Summary;
  /** Signal → order per platform (every order). */
  byPlatform: Record<string, Summary>;
  expected: number;
  received: number;
  duplicates: number;
  /** Signals with fewer or more than one order per account, and orders at the wrong platform account. */
  incomplete: number;
  misrouted: number;
  /** Orders that arrived per second, from the first signal measured to the last order's arrival. */
  deliveredPerS: number;
}

/**
 * Live mode, one alert to 20 trading accounts configured through the accounts API on three logins (the
 * loopback fakes, holding those accounts). From the moment the webhook request leaves the sender to the
 * first and the last of its 20 orders arriving at the fakes, at 20 and at 100 signals/s. The fakes publish
 * no request limit, so the connections' rate limits are off (`CONNECTOR_RATE_LIMITS=off`): ProjectX's
 * published 200 requests / 60 s would otherwise hold 6 ProjectX accounts to ~0.5 signals/s.
 */
export async function benchFanOut(ctx: BenchContext): Promise<ScenarioResult> {
  const rates: [number, number][] = ctx.quick
    ? [
        [20, 2],
        [100, 1],
      ]
    : [
        [20, 20],
        [100, 10],
      ];
  const drainMs = ctx.quick ? DRAIN_MS.quick : DRAIN_MS.full;
  const fakes = await startPlatforms({
    accounts: Object.fromEntries(LOGINS.map((l) => [l.platform, l.accounts])),
  });
  try {
    return await withDatabase((db) =>
      withService(ctx, 'fan-out', serviceEnvFor(fakes, db.url), async (service) => {
        const programs = await programIdsFor(
          db.url,
          LOGINS.map((l) => l.firm),
        );
        const logins = LOGINS.map((l, i) => ({ ...l, programId: programs[i] }));
        const accounts = await configureAccounts(service.url, fakes.connections, logins, TAG);
        const client = new LoopbackClient(service.url);
        const body = (prefix: string) => (i: number) => fanOutBody(`fo-${prefix}-${i}`);
        try {
          ctx.log(`fan-out: ${accounts.length} accounts configured; warming up`);
          const warm = await sendPaced(client, 10, WARM_UP_SIGNALS / 10, body('warm'));
          await measureOrders(fakes, accounts, warm, 0, drainMs);
          const phases: FanOutPhase[] = [];
          for (const [rate, durationS] of rates) {
            ctx.log(`fan-out: ${rate} signals/s for ${durationS} s (${rate * ACCOUNTS} orders/s)`);
            const since = wallNow();
            const sent = await sendPaced(client, rate, durationS, body(`r${rate}`), LEAD_IN_S);
            const m = await measureOrders(fakes, accounts, sent, since, drainMs);
            phases.push({ rate, durationS, accepted: sent.sentAt.size, rejected: sent.rejected, ...m });
          }
          // each phase's floor: the same two hops at its signal rate (see roundTripFloor)
          const floors = await pacedFloors(db.url, body('floor')(0), phases, floorSamples(ctx));
          return report(phases, floors);
        } finally {
          client.close();
        }
      }),
    );
  } finally {
    await fakes.close();
  }
}

function serviceEnvFor(fakes: Platforms, databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    ...ACCOUNTS_API_ENV,
    EXECUTION_DRY_RUN: 'false',
    ROUTER_ENABLED: 'true',
    CONNECTOR_RATE_LIMITS: fakes.env.CONNECTOR_RATE_LIMITS,
    // the path measured is routing's; platform sync (polling) would also fold the fakes' 50,000 balances
    SYNC_ENABLED: 'false',
    // the same for protected entries: each accepted entry's position read would share the connections' lanes
    // with the orders measured (its cost is not measured yet)
    PROTECT_ENABLED: 'false',
    // the risk gate trades enabled firms only; their read-only env accounts carry no tag, so no alert reaches them
    ...Object.fromEntries(LOGINS.map((l) => [`${l.firm}_ENABLED`, 'true'])),
  };
}

/** A TradingView-style entry for every account tagged `fan-out`: each sizes it by its own program and mode. */
function fanOutBody(tradeId: string): string {
  return JSON.stringify({
    secret: WEBHOOK_SECRET,
    trade_id: tradeId,
    event_type: 'entry',
    symbol: 'NQ1!',
    side: 'buy',
    order_type: 'market',
    entry_price: 21500.25,
    stop_loss: 21490.25,
    risk_percent: 0.01,
    account_tags: [TAG],
  });
}

/** Waits until every sent signal has an order at each account's fake (or time is up), then measures. */
async function measureOrders(
  fakes: Platforms,
  accounts: ConfiguredAccount[],
  sent: SentSignals,
  since: number,
  timeoutMs: number,
): Promise<Omit<FanOutPhase, 'rate' | 'durationS' | 'accepted' | 'rejected'>> {
  const expected = sent.sentAt.size * accounts.length;
  const mine = () =>
    fakes.fakes.flatMap((f) =>
      f
        .orders()
        .filter((o) => o.receivedAt >= since && sent.sentAt.has(taskOf(o)))
        .map((o) => ({ platform: f.name, o })),
    );
  await waitFor(async () => (mine().length >= expected ? true : undefined), timeoutMs, 50);
  const byAccount = new Map(accounts.map((a) => [a.id, a]));
  const perSignal = new Map<number, Map<number, number>>(); // task → account → arrival
  const byPlatform: Record<string, number[]> = {};
  let duplicates = 0;
  let misrouted = 0;
  for (const { platform, o } of mine()) {
    const [, task, account] = CLIENT_ID.exec(o.clientOrderId!)!.map(Number);
    const expectedAt = byAccount.get(account);
    if (!expectedAt || expectedAt.platform !== platform || expectedAt.platformAccount !== String(o.accountId))
      misrouted += 1;
    const arrivals = perSignal.get(task) ?? new Map<number, number>();
    perSignal.set(task, arrivals);
    if (arrivals.has(account)) {
      duplicates += 1;
      continue;
    }
    arrivals.set(account, o.receivedAt);
    (byPlatform[platform] ??= []).push(o.receivedAt - sent.sentAt.get(task)!);
  }
  const first: number[] = [];
  const last: number[] = [];
  let lastArrival = -Infinity;
  let incomplete = sent.sentAt.size - perSignal.size;
  for (const [task, arrivals] of perSignal) {
    if (arrivals.size !== accounts.length) {
      incomplete += 1;
      continue;
    }
    const times = [...arrivals.values()];
    lastArrival = Math.max(lastArrival, ...times);
    first.push(Math.min(...times) - sent.sentAt.get(task)!);
    last.push(Math.max(...times) - sent.sentAt.get(task)!);
  }
  const received = [...perSignal.values()].reduce((n, a) => n + a.size, 0);
  const firstSent = Math.min(...sent.sentAt.values());
  return {
    deliveredPerS: received / ((lastArrival - firstSent) / 1000),
    first: summarize(first),
    last: summarize(last),
    byPlatform: Object.fromEntries(Object.entries(byPlatform).map(([p, v]) => [p, summarize(v)])),
    expected,
    received,
    duplicates,
    incomplete,
    misrouted,
  };
}

/** The task id of an API account's entry order; NaN for anything else (bracket children, other ids). */
function taskOf(o: FakeOrderRecord): number {
  const m = CLIENT_ID.exec(o.clientOrderId ?? '');
  return m ? Number(m[1]) : NaN;
}

function report(phases: FanOutPhase[], floors: PacedFloors): ScenarioResult {
  const figures: Figure[] = phases.flatMap((p) => phaseFigures(p, floors.byRate.get(p.rate) ?? null));
  const checks: Check[] = phases.map((p) => ({
    name: `fan-out (${p.rate}/s): every signal → exactly ${ACCOUNTS} orders, one per account, at its platform account`,
    ok:
      p.rejected === 0 &&
      p.received === p.expected &&
      p.duplicates === 0 &&
      p.incomplete === 0 &&
      p.misrouted === 0,
    detail: `${p.accepted} accepted, ${p.rejected} not accepted; ${p.received}/${p.expected} orders at the fakes, ${p.duplicates} duplicates, ${p.incomplete} signals without all ${ACCOUNTS}, ${p.misrouted} at a wrong account`,
  }));
  return {
    figures,
    checks,
    details: { floor: floorDetails(floors), accounts: ACCOUNTS, logins: LOGINS, phases },
  };
}

function phaseFigures(p: FanOutPhase, floor: Summary | null): Figure[] {
  const base = { scenario: SCENARIO, unit: 'ms', better: 'lower' as const };
  const at = `${p.rate}/s (${p.rate * ACCOUNTS} orders/s)`;
  const floorOf = (q: 'p50' | 'p99') => ({
    label: `round trip + insert at ${p.rate}/s, ${q}`,
    value: floor?.[q] ?? null,
  });
  return [
    figure({
      ...base,
      id: `fanout.r${p.rate}.last_p50_ms`,
      label: `signal → last order p50, ${at}`,
      value: p.last.p50,
      floor: floorOf('p50'),
    }),
    figure({
      ...base,
      id: `fanout.r${p.rate}.last_p99_ms`,
      label: `signal → last order p99, ${at}`,
      value: p.last.p99,
      floor: floorOf('p99'),
      // issue 20: at 20 signals/s (400 orders/s), the last account's order p99 ≤ 25 ms
      ...(p.rate === 20 ? { target: 25 } : {}),
    }),
    figure({
      ...base,
      id: `fanout.r${p.rate}.first_p50_ms`,
      label: `signal → first order p50, ${at}`,
      value: p.first.p50,
      floor: floorOf('p50'),
    }),
    figure({
      ...base,
      id: `fanout.r${p.rate}.delivered_per_s`,
      label: `orders delivered per second, ${at}`,
      value: p.deliveredPerS,
      unit: 'orders/s',
      better: 'higher',
      note: 'received orders over first measured send → last arrival; below the offered rate: the service is saturated',
    }),
  ];
}

function range(
  n: number,
  f: (i: number) => [number | string, string],
): { id: number | string; name: string }[] {
  return Array.from({ length: n }, (_, i) => {
    const [id, name] = f(i);
    return { id, name };
  });
}
