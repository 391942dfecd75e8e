import { createServer, Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { serviceToken } from '../../test/support/service-http';
import { withClient } from '../../test/support/test-database';
import { BenchContext, withDatabase, withService } from '../support/context';
import { Check, figure, Figure, ScenarioResult } from '../support/figures';
import { awaitOrders, OrderLatency, sendPaced } from '../support/paced-sender';
import { BENCH_FIRMS, PlatformFakes, startPlatformFakes } from '../support/platform-fakes';
import { sleep, wallNow } from '../support/stats';
import { ACCOUNTS_API_ENV } from '../support/trading-accounts';
import { entryBody, LoopbackClient, programIdsFor } from '../support/webhook';

const SCENARIO = 'Routing with a dead notification receiver';
const RATE = 20;
/** Notification events written per second while the signals flow: each is a delivery to both dead channels. */
const EVENTS_PER_S = 20;

/** Two receivers that never answer: a closed port (refused at once) and one that accepts and hangs. */
interface DeadReceivers {
  closedUrl: string;
  hangingUrl: string;
  /** Connections the hanging receiver accepted (the sender did try it). */
  accepted(): number;
  close(): Promise<void>;
}

async function startDeadReceivers(): Promise<DeadReceivers> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const closedPort = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  const sockets: Socket[] = [];
  const hanging: Server = createServer((s) => sockets.push(s)); // reads nothing, answers nothing
  await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
  return {
    closedUrl: `http://127.0.0.1:${closedPort}/hook`,
    hangingUrl: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hook`,
    accepted: () => sockets.length,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => hanging.close(r));
    },
  };
}

interface Run {
  notifications: boolean;
  latency: OrderLatency;
  rejected: number;
  /** Delivery attempts the sender made during the run, and how many deliveries got through (none should). */
  attempts: number;
  sent: number;
}

/**
 * Signal → order latency at 20 signals/s, first with notifications off, then with two channels pointed at
 * dead receivers (a closed port, and a port that accepts and never answers) while 20 events a second are
 * queued for them: the sender keeps failing, retrying and waiting out its send timeout beside the router,
 * and the orders must arrive as fast as without it.
 */
export async function benchDeadReceiver(ctx: BenchContext): Promise<ScenarioResult> {
  const durationS = ctx.quick ? 4 : 30;
  const fakes = await startPlatformFakes();
  const dead = await startDeadReceivers();
  try {
    const quiet = await run(ctx, fakes, null, durationS);
    const busy = await run(ctx, fakes, dead, durationS);
    return report(quiet, busy, dead.accepted());
  } finally {
    await dead.close();
    await fakes.close();
  }
}

async function run(
  ctx: BenchContext,
  fakes: PlatformFakes,
  dead: DeadReceivers | null,
  durationS: number,
): Promise<Run> {
  const label = dead ? 'dead-receiver-on' : 'dead-receiver-off';
  const env = {
    ...fakes.env,
    ...ACCOUNTS_API_ENV,
    EXECUTION_DRY_RUN: 'false',
    ROUTER_ENABLED: 'true',
    PROTECT_ENABLED: 'false',
    NOTIFY_ENABLED: dead ? 'true' : 'false',
    NOTIFY_POLL_MS: '200',
    NOTIFY_SEND_TIMEOUT_MS: '2000',
    NOTIFY_RETRY_BASE_MS: '200',
  };
  return withDatabase((db) =>
    withService(ctx, label, { ...env, DATABASE_URL: db.url }, async (service) => {
      if (dead) await deadChannels(service.url, dead);
      const programIds = await programIdsFor(db.url, BENCH_FIRMS);
      const client = new LoopbackClient(service.url);
      const body = (prefix: string) => (i: number) =>
        entryBody(`${label}-${prefix}-${i}`, BENCH_FIRMS, programIds);
      let pumping = dead !== null;
      const pump = pumping ? pumpEvents(db.url, () => pumping) : Promise.resolve();
      try {
        ctx.log(`${label}: warming up`);
        await awaitOrders(
          fakes.entryOrders,
          await sendPaced(client, 10, 1, body('warm')),
          BENCH_FIRMS,
          0,
          10_000,
        );
        ctx.log(
          `${label}: ${RATE} signals/s for ${durationS} s${dead ? `, ${EVENTS_PER_S} events/s to dead receivers` : ''}`,
        );
        const since = wallNow();
        const sent = await sendPaced(client, RATE, durationS, body('run'), 1);
        const latency = await awaitOrders(fakes.entryOrders, sent, BENCH_FIRMS, since, 10_000);
        pumping = false;
        await pump;
        const tally = await withClient(
          db.url,
          async (c) =>
            (
              await c.query<{ attempts: number; sent: number }>(
                `SELECT coalesce(sum(attempts), 0)::int AS attempts, count(*) FILTER (WHERE status = 'SENT')::int AS sent
               FROM notification_deliveries`,
              )
            ).rows[0],
        );
        return { notifications: dead !== null, latency, rejected: sent.rejected, ...tally };
      } finally {
        pumping = false;
        await pump;
        client.close();
      }
    }),
  );
}

/** A webhook channel per dead receiver, subscribed to `halt.set` (what the pump writes). */
async function deadChannels(serviceUrl: string, dead: DeadReceivers): Promise<void> {
  const token = await serviceToken(serviceUrl);
  for (const [name, url] of [
    ['dead-closed', dead.closedUrl],
    ['dead-hanging', dead.hangingUrl],
  ]) {
    const r = await fetch(`${serviceUrl}/api/notifications/channels`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        name,
        type: 'webhook',
        events: ['halt.set'],
        secrets: { url, signing_secret: 'bench-signing-secret-0123456789' },
      }),
    });
    if (r.status !== 201) throw new Error(`channel ${name}: ${r.status} ${await r.text()}`);
  }
}

/** Writes EVENTS_PER_S notification events a second into the outbox while `on()` holds. */
async function pumpEvents(url: string, on: () => boolean): Promise<void> {
  await withClient(url, async (c) => {
    for (let i = 0; on(); i++) {
      await c.query(
        `INSERT INTO notification_outbox (kind, payload) VALUES ('halt.set', jsonb_build_object('reason', $1::text, 'by', 'bench'))`,
        [`bench event ${i}`],
      );
      await sleep(1000 / EVENTS_PER_S);
    }
  });
}

function report(quiet: Run, busy: Run, hangingAccepted: number): ScenarioResult {
  const figures: Figure[] = (['p50', 'p99', 'max'] as const).map((p) =>
    figure({
      id: `dead_receiver.r${RATE}.${p}_ms`,
      scenario: SCENARIO,
      label: `signal → order ${p}, ${RATE}/s, dead receivers`,
      value: busy.latency.all[p],
      unit: 'ms',
      better: 'lower',
      floor: { label: `the same without notifications, ${p}`, value: quiet.latency.all[p] },
    }),
  );
  const orders = (r: Run) =>
    `${r.latency.received}/${r.latency.expected} orders, ${r.latency.duplicates} duplicates, ${r.rejected} signals not accepted`;
  const checks: Check[] = [
    ...[quiet, busy].map((r) => ({
      name: `dead receiver (notifications ${r.notifications ? 'on, receivers dead' : 'off'}): one order per accepted signal and firm`,
      ok: r.rejected === 0 && r.latency.received === r.latency.expected && r.latency.duplicates === 0,
      detail: orders(r),
    })),
    {
      name: 'dead receiver: the sender kept trying both dead receivers, nothing was delivered',
      ok: busy.attempts > 0 && busy.sent === 0 && hangingAccepted > 0,
      detail: `${busy.attempts} delivery attempts, ${busy.sent} sent; the hanging receiver accepted ${hangingAccepted} connections`,
    },
  ];
  return { figures, checks, details: { quiet, busy, hangingAccepted } };
}
