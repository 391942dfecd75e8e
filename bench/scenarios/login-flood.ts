import { spawn } from 'node:child_process';
import { BenchContext, withDatabase, withService } from '../support/context';
import { Check, figure, Figure, ScenarioResult } from '../support/figures';
import { SentSignals, sendPaced } from '../support/paced-sender';
import { BENCH_FIRMS, dryRunFirmEnv } from '../support/platform-fakes';
import { entryBody, LoopbackClient, programIdsFor } from '../support/webhook';

const SCENARIO = 'Login flood';
/** Webhook signals per second while measuring: enough answers for a p99 in a few seconds. */
const RATE = 50;
const FLOOD_CONNECTIONS = 32;
/** The flood runs this long before the webhook's measured seconds start. */
const LEAD_IN_S = 2;
const TARGET_RATIO = 2;
/** The service's default login budget per client and minute (RATE_LIMIT_LOGIN_MAX). */
const LOGIN_BUDGET = 30;

interface Flood {
  answers: number;
  byStatus: Record<string, number>;
  errors: number;
  durationS: number;
}

interface Measured {
  idle: SentSignals;
  flooded: SentSignals;
  /** The same idle measure once the flood has stopped: how much the machine drifted meanwhile. */
  after: SentSignals;
  flood: Flood;
}

/**
 * Issue 12: the webhook's answer time at a steady 50 signals/s, idle and then while 32 connections send
 * wrong logins for `admin` as fast as the service answers them (autocannon in its own process, default
 * rate limits), then idle again (the machine's drift meanwhile). Target: p50 and p99 under the flood
 * within 2× of idle.
 */
export async function benchLoginFlood(ctx: BenchContext): Promise<ScenarioResult> {
  const phaseS = ctx.quick ? 5 : 10;
  const env = { ...dryRunFirmEnv(), ROUTER_ENABLED: 'false' };
  const m = await withDatabase((db) =>
    withService(ctx, 'login-flood', { ...env, DATABASE_URL: db.url }, async (service) => {
      const programIds = await programIdsFor(db.url, BENCH_FIRMS);
      const client = new LoopbackClient(service.url);
      try {
        let seq = 0;
        const body = () => entryBody(`flood-${++seq}`, BENCH_FIRMS, programIds);
        await sendPaced(client, RATE, 1, body);
        ctx.log(`login-flood: webhook at ${RATE}/s for ${phaseS} s, idle`);
        const idle = await sendPaced(client, RATE, phaseS, body);
        ctx.log(`login-flood: the same under ${FLOOD_CONNECTIONS} connections of wrong logins`);
        const flooding = floodLogins(service.url, phaseS + LEAD_IN_S + 1);
        const flooded = await sendPaced(client, RATE, phaseS, body, LEAD_IN_S);
        const flood = await flooding;
        ctx.log(`login-flood: idle again, ${phaseS} s`);
        const after = await sendPaced(client, RATE, phaseS, body);
        return { idle, flooded, after, flood };
      } finally {
        client.close();
      }
    }),
  );
  return report(m);
}

/** autocannon's CLI in a child process, so that the flood does not slow the webhook sender's event loop. */
function floodLogins(baseUrl: string, durationS: number): Promise<Flood> {
  const body = JSON.stringify({ username: 'admin', password: 'not-the-password' });
  const args = [require.resolve('autocannon'), '-c', String(FLOOD_CONNECTIONS), '-d', String(durationS)];
  args.push('-m', 'POST', '-H', 'content-type=application/json', '-b', body, '-j', '-n');
  const child = spawn(process.execPath, [...args, `${baseUrl}/api/auth/login`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${out.slice(0, 300)}`));
      const r = JSON.parse(out) as {
        requests: { total: number };
        statusCodeStats?: Record<string, { count: number }>;
        errors: number;
        duration: number;
      };
      const byStatus = Object.fromEntries(
        Object.entries(r.statusCodeStats ?? {}).map(([s, v]) => [s, v.count]),
      );
      resolve({ answers: r.requests.total, byStatus, errors: r.errors, durationS: r.duration });
    });
  });
}

function report(m: Measured): ScenarioResult {
  const { idle, flooded, after, flood } = m;
  const base = { scenario: SCENARIO, unit: 'ms', better: 'lower' as const };
  const figures: Figure[] = [];
  for (const p of ['p50', 'p99'] as const) {
    const floor = { label: `same webhook, idle, ${RATE}/s`, value: idle.answer[p] };
    figures.push(
      figure({
        ...base,
        id: `login_flood.idle.${p}_ms`,
        label: `webhook ${p}, idle, ${RATE}/s`,
        value: idle.answer[p],
      }),
      figure({
        ...base,
        id: `login_flood.flood.${p}_ms`,
        label: `webhook ${p}, ${FLOOD_CONNECTIONS}-conn login flood`,
        value: flooded.answer[p],
        floor,
      }),
      figure({
        ...base,
        id: `login_flood.after.${p}_ms`,
        label: `webhook ${p}, idle again after the flood`,
        value: after.answer[p],
        floor,
      }),
      figure({
        ...base,
        id: `login_flood.flood.${p}_vs_idle`,
        label: `webhook ${p} under the flood / idle`,
        value: flooded.answer[p] / idle.answer[p],
        unit: '×',
        target: TARGET_RATIO,
      }),
    );
  }
  figures.push(
    figure({
      scenario: SCENARIO,
      id: 'login_flood.flood.logins_answered_per_s',
      label: 'wrong logins answered/s (the attacker)',
      value: flood.answers / flood.durationS,
      unit: '/s',
      better: 'higher',
      note: Object.entries(flood.byStatus)
        .map(([s, n]) => `${n} × ${s}`)
        .join(', '),
    }),
  );
  const checked = flood.byStatus['401'] ?? 0;
  const refused = flood.byStatus['429'] ?? 0;
  const other = flood.answers - checked - refused;
  const checks: Check[] = [
    {
      name: 'login flood: every webhook signal accepted',
      ok: idle.rejected + flooded.rejected + after.rejected === 0,
      detail: `${idle.rejected} idle, ${flooded.rejected} flooded, ${after.rejected} after: not answered 202`,
    },
    {
      name: 'login flood: refused with 429, at most the login budget checked',
      ok: refused > 0 && checked <= LOGIN_BUDGET && other === 0 && flood.errors === 0,
      detail: `${checked} × 401, ${refused} × 429, ${other} other answers, ${flood.errors} socket errors`,
    },
  ];
  return {
    figures,
    checks,
    details: { idle: idle.answer, flooded: flooded.answer, after: after.answer, flood },
  };
}
