import { BenchContext, withDatabase, withService } from '../support/context';
import { Check, figure, Figure, ScenarioResult } from '../support/figures';
import { awaitOrders, OrderLatency, SentSignals, sendPaced } from '../support/paced-sender';
import { BENCH_FIRMS, PlatformFakes, startPlatformFakes } from '../support/platform-fakes';
import { roundTripFloor } from '../support/round-trip-floor';
import { Summary, wallNow } from '../support/stats';
import { entryBody, LoopbackClient, programIdsFor } from '../support/webhook';

const SCENARIO = 'Signal to order';
const POLL_INTERVAL_MS = 2000; // the seed's interval, the service's default
const WARM_UP_SIGNALS = 10;
/** Each rate is held this long before its measured seconds start (see sendPaced). */
const LEAD_IN_S = 2;

interface Phase {
  rate: number;
  durationS: number;
  sent: Omit<SentSignals, 'sentAt'> & { accepted: number };
  latency: OrderLatency;
}

interface LiveRun {
  notify: boolean;
  phases: Phase[];
  floor: Summary | null;
}

/**
 * Live mode, three firms on three loopback fakes: from the moment a webhook request leaves the sender to
 * the moment each fake receives the order, at steady rates, with NOTIFY wake-up on and then off.
 */
export async function benchSignalToOrder(ctx: BenchContext): Promise<ScenarioResult> {
  const d = ctx.quick ? { 20: 3, 100: 5 } : { 20: 30, 100: 30 };
  const fakes = await startPlatformFakes();
  try {
    const withNotify = await liveRun(ctx, fakes, true, [
      [20, d[20]],
      [100, d[100]],
    ]);
    const polling = await liveRun(
      ctx,
      fakes,
      false,
      ctx.quick
        ? [[100, d[100]]]
        : [
            [20, d[20]],
            [100, d[100]],
          ],
    );
    return report(withNotify, polling);
  } finally {
    await fakes.close();
  }
}

async function liveRun(
  ctx: BenchContext,
  fakes: PlatformFakes,
  notify: boolean,
  rates: [number, number][],
): Promise<LiveRun> {
  const env = {
    ...fakes.env,
    EXECUTION_DRY_RUN: 'false',
    ROUTER_ENABLED: 'true',
    ROUTER_NOTIFY: String(notify),
    ROUTER_HANDOFF: String(notify),
    ROUTER_POLL_INTERVAL_MS: String(POLL_INTERVAL_MS),
  };
  const label = notify ? 's2o-notify' : 's2o-polling';
  const drainMs = notify ? 10_000 : POLL_INTERVAL_MS + 10_000;
  return withDatabase((db) =>
    withService(ctx, label, { ...env, DATABASE_URL: db.url }, async (service) => {
      const programIds = await programIdsFor(db.url, BENCH_FIRMS);
      const client = new LoopbackClient(service.url);
      const body = (prefix: string) => (i: number) =>
        entryBody(`${label}-${prefix}-${i}`, BENCH_FIRMS, programIds);
      try {
        ctx.log(`${label}: warming up (sessions, contracts, JIT)`);
        const warm = await sendPaced(client, 10, WARM_UP_SIGNALS / 10, body('warm'));
        const warmed = await awaitOrders(fakes.entryOrders, warm, BENCH_FIRMS, 0, drainMs);
        if (warmed.received < warmed.expected) {
          const tail = service.output().split('\n').slice(-15).join('\n');
          ctx.log(
            `${label}: only ${warmed.received}/${warmed.expected} warm-up orders arrived; service output:\n${tail}`,
          );
        }
        const phases: Phase[] = [];
        for (const [rate, durationS] of rates) {
          ctx.log(`${label}: ${rate} signals/s for ${durationS} s`);
          const since = wallNow();
          const sent = await sendPaced(client, rate, durationS, body(`r${rate}`), LEAD_IN_S);
          const latency = await awaitOrders(fakes.entryOrders, sent, BENCH_FIRMS, since, drainMs);
          phases.push({
            rate,
            durationS,
            sent: { accepted: sent.sentAt.size, rejected: sent.rejected, answer: sent.answer },
            latency,
          });
        }
        const floor = notify ? await roundTripFloor(db.url, ctx.quick ? 200 : 1000, body('floor')(0)) : null;
        return { notify, phases, floor };
      } finally {
        client.close();
      }
    }),
  );
}

function report(withNotify: LiveRun, polling: LiveRun): ScenarioResult {
  const floor = withNotify.floor;
  const figures: Figure[] = [
    ...withNotify.phases.flatMap((p) => phaseFigures(p, 'NOTIFY', floor, p.rate === 100)),
    ...polling.phases.flatMap((p) => phaseFigures(p, `polling ${POLL_INTERVAL_MS} ms`, floor, false)),
  ];
  const checks: Check[] = [...withNotify.phases, ...polling.phases].map((p) => ({
    name: `signal to order (${p.rate}/s): one order per accepted signal and firm`,
    ok: p.sent.rejected === 0 && p.latency.received === p.latency.expected && p.latency.duplicates === 0,
    detail: `${p.sent.accepted} accepted, ${p.sent.rejected} not accepted; ${p.latency.received}/${p.latency.expected} orders at the fakes, ${p.latency.duplicates} duplicates`,
  }));
  return { figures, checks, details: { floor, withNotify: withNotify.phases, polling: polling.phases } };
}

function phaseFigures(p: Phase, wake: string, floor: Summary | null, targeted: boolean): Figure[] {
  const key = wake === 'NOTIFY' ? 'notify' : 'polling';
  const base = { scenario: SCENARIO, unit: 'ms', better: 'lower' as const };
  const at = `${p.rate}/s, ${wake}`;
  return [
    figure({
      ...base,
      id: `s2o.${key}.r${p.rate}.p50_ms`,
      label: `p50, ${at}`,
      value: p.latency.all.p50,
      floor: { label: 'loopback round trip + insert, p50', value: floor?.p50 ?? null },
      ...(targeted ? { target: 10 } : {}),
    }),
    figure({
      ...base,
      id: `s2o.${key}.r${p.rate}.p99_ms`,
      label: `p99, ${at}`,
      value: p.latency.all.p99,
      floor: { label: 'loopback round trip + insert, p99', value: floor?.p99 ?? null },
      ...(targeted ? { target: 40 } : {}),
    }),
    figure({
      ...base,
      id: `s2o.${key}.r${p.rate}.max_ms`,
      label: `max, ${at}`,
      value: p.latency.all.max,
      floor: { label: 'loopback round trip + insert, max', value: floor?.max ?? null },
    }),
  ];
}
