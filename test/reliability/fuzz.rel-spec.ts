import fc from 'fast-check';
import { contentTypeCase, deepCase, malformedCase, oversizeCase, wrongMethodCase } from './support/fuzz-raw';
import {
  Expectation,
  invalidCase,
  mixedCases,
  unauthorizedCase,
  validCase,
  WebhookCase,
} from './support/fuzz-bodies';
import { hostileRequests, HostileRequest, routeClass } from './support/fuzz-hostile';
import { queryFor } from './support/fuzz-queries';
import { changedTables, tableDigests } from '../support/db-inspect';
import { HttpClient, isJsonError, RawResponse, runBounded } from './support/http-client';
import { fillPath, operations, plausiblePathValue } from './support/openapi';
import { printReport, tally } from './support/report';
import { serviceToken, ServiceHandle, startTestService } from '../support/service-process';
import { ok, statusCounts, taskRows, waitForTasksSettled, WEBHOOK_SECRET } from './support/suite';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Bad input: generated webhook requests (valid, one bad field, wrong secret, random mixes, broken JSON,
 * wrong content types, deep nesting, oversize bodies, wrong methods), fuzzed query strings on every GET
 * route, and hostile values (NUL, lone surrogates, 10,000-deep nesting, odd ISO dates, out-of-range and
 * null numbers, 1e308, -0, huge strings, wrong types) in every parameter and body field of every route of
 * the OpenAPI document, as admin. Every answer is a 2xx, or a 4xx with a JSON error; the process stays up;
 * only accepted bodies are stored, each exactly once; a refused write changes no row.
 */

const SEED = Number(process.env.REL_FUZZ_SEED ?? Date.now() % 2 ** 31);
const BODY_CASES = Number(process.env.REL_FUZZ_BODIES ?? 1_500);
const QUERIES_PER_ROUTE = Number(process.env.REL_FUZZ_QUERIES ?? 30);
/** Tables the router writes on its own after an accepted signal: a webhook write is checked by task count. */
// a webhook batch writes these by design: tasks (counted against the 202s) and their routing; each refusal's record;
// each accepted alert's key (alert_dedupe: one per 202, taken in the task's own insert statement)
const ROUTER_TABLES = ['execution_tasks', 'execution_logs', 'orders', 'webhook_refusals', 'alert_dedupe'];

type Gen = (secret: string, i: number) => fc.Arbitrary<WebhookCase>;
const GENERATORS: [number, string, Gen][] = [
  [25, 'valid', validCase],
  [20, 'invalid', invalidCase],
  [10, 'unauthorized', unauthorizedCase],
  [25, 'mixed', mixedCases],
  [8, 'malformed', malformedCase],
  [5, 'content-type', contentTypeCase],
  [3, 'deep', deepCase],
  [2, 'oversize', oversizeCase],
  [2, 'method', (secret) => wrongMethodCase(secret)],
];

/** The cases, reproducible from SEED: one generator per index (by weight), each with its own index. */
function webhookCases(n: number): WebhookCase[] {
  const total = GENERATORS.reduce((s, [w]) => s + w, 0);
  const picks = fc.sample(fc.integer({ min: 0, max: total - 1 }), { numRuns: n, seed: SEED });
  return picks.map((p, i) => {
    let acc = 0;
    const gen = GENERATORS.find(([w]) => (acc += w) > p)!;
    // mixed cases draw their index from `start + nat`: a distinct start range per case keeps ids apart
    const [c] = fc.sample(gen[2](WEBHOOK_SECRET, gen[1] === 'mixed' ? i * 1000 : i), {
      numRuns: 1,
      seed: SEED + i,
    });
    return c;
  });
}

function meets(expect: Expectation, r: RawResponse): boolean {
  switch (expect) {
    case 'valid':
      return r.status === 202;
    case 'invalid':
      return r.status === 400;
    case 'unauthorized':
      return r.status === 401;
    case 'too-large':
      return r.status === 413;
    case 'rejected':
      return r.status >= 400 && r.status < 500;
    case 'any':
      return ok(r.status) || (r.status >= 400 && r.status < 500);
  }
}

/**
 * The promise every answer keeps: 2xx with a JSON body (or `/metrics`' documented Prometheus text, or
 * `/api/events`' event stream), or 4xx
 * with a JSON error body.
 */
function wellFormed(r: RawResponse): boolean {
  if (ok(r.status))
    return (
      r.json !== undefined ||
      r.text === '' ||
      r.contentType.startsWith('text/plain; version=0.0.4') ||
      r.contentType.startsWith('text/event-stream')
    );
  return r.status >= 400 && r.status < 500 && isJsonError(r);
}

describe('reliability: bad input (fuzz)', () => {
  let db: TestDatabase;
  let svc: ServiceHandle;
  let client: HttpClient;

  beforeAll(async () => {
    db = await createTestDatabase('rel_fuzz');
    svc = await startTestService({
      env: {
        DATABASE_URL: db.url,
        WEBHOOK_SECRET,
        ROUTER_ENABLED: 'true',
        EXECUTION_DRY_RUN: 'true',
        // the firms the valid bodies name have an (env) account: an alert to a firm without one is refused at
        // intake (a 400 naming it), which the valid bodies must not be
        FTMO_ENABLED: 'true',
        APEX_ENABLED: 'true',
        TOPSTEP_ENABLED: 'true',
      },
    });
    client = new HttpClient(svc.url, 16);
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await svc?.stop();
    await db?.drop();
  });

  it('answers every webhook body with a 2xx or a JSON 4xx, and stores each accepted one exactly once', async () => {
    const cases = webhookCases(BODY_CASES);
    const answers = await runBounded(cases, 16, (c) =>
      client.send(c.method, c.path, { headers: c.headers, body: c.body, timeoutMs: 15_000 }),
    );

    const violations: string[] = [];
    const note = (c: WebhookCase, r: RawResponse, why: string) => {
      if (violations.length < 20) {
        const body = typeof c.body === 'string' ? c.body.slice(0, 200) : `<${c.body?.length ?? 0} bytes>`;
        violations.push(
          `${why}: [${c.kind}] ${c.method} ${c.path} ${JSON.stringify(c.headers)} ${body} → ${r.status} ${r.error ?? r.text.slice(0, 200)}`,
        );
      } else violations.push(why);
    };
    cases.forEach((c, i) => {
      const r = answers[i];
      if (r.status === 0) note(c, r, 'no answer');
      else if (r.status >= 500) note(c, r, '5xx');
      else if (!wellFormed(r)) note(c, r, 'not a JSON answer');
      else if (!meets(c.expect, r)) note(c, r, `expected ${c.expect}`);
    });

    // What the database holds must be exactly what was accepted.
    const rows = await taskRows(db.url);
    const accepted = new Map<number, string>(); // task id → trade id, from 202 answers
    const acceptedTwice: number[] = [];
    cases.forEach((c, i) => {
      const r = answers[i];
      if (r.status !== 202) return;
      const body = r.json as { task_id?: number; trade_id?: string; duplicate?: boolean };
      if (accepted.has(Number(body.task_id))) acceptedTwice.push(Number(body.task_id));
      accepted.set(Number(body.task_id), String(body.trade_id));
    });
    const rowIds = new Set(rows.map((r) => r.id));
    const lost = [...accepted.keys()].filter((id) => !rowIds.has(id));
    const unexplained = rows.filter((r) => accepted.get(r.id) !== r.trade_id);
    const duplicateAnswersWrong = cases.filter((c, i) => {
      const r = answers[i];
      if (r.status !== 200 || c.method !== 'POST') return false;
      const body = r.json as { task_id?: number; duplicate?: boolean };
      return body.duplicate !== true || !rowIds.has(Number(body.task_id));
    }).length;
    const byTrade = tally(rows, (r) => `${r.trade_id}|${r.event_type}`);
    const duplicates = Object.values(byTrade).filter((n) => n > 1).length;
    const validCases = cases.filter((c) => c.expect === 'valid');
    const validStoredOnce = validCases.filter((c) => byTrade[`${c.tradeId}|entry`] === 1).length;
    const invalidTradeIds = new Set(
      cases.filter((c) => c.expect !== 'valid' && c.expect !== 'any' && c.tradeId).map((c) => c.tradeId!),
    );
    const storedInvalid = rows.filter((r) => invalidTradeIds.has(r.trade_id)).length;

    // The router (dry run) must finish every stored task: a body that passed intake must not break it.
    const settled = await waitForTasksSettled(db.url, 120_000);
    const statuses = statusCounts(settled);

    printReport('fuzz: webhook bodies', {
      seed: SEED,
      'requests sent': cases.length,
      ...Object.fromEntries(
        Object.entries(tally(cases, (c) => c.kind.split(':')[0].split(' ')[0])).map(([k, v]) => [
          `  kind ${k}`,
          v,
        ]),
      ),
      ...Object.fromEntries(
        Object.entries(tally(answers, (r) => r.status)).map(([k, v]) => [`  status ${k}`, v]),
      ),
      'violations (5xx, no answer, non-JSON, wrong status)': violations.length,
      'tasks stored': rows.length,
      'accepted (202)': accepted.size,
      'accepted but lost': lost.length,
      'rows not from a 202': unexplained.length,
      'same task id accepted twice': acceptedTwice.length,
      'duplicate rows (trade_id+event_type)': duplicates,
      'wrong duplicate answers (200)': duplicateAnswersWrong,
      'valid cases': validCases.length,
      'valid stored exactly once': validStoredOnce,
      'invalid bodies stored': storedInvalid,
      'tasks COMPLETED': statuses.COMPLETED,
      'tasks FAILED': statuses.FAILED,
    });

    expect(violations.slice(0, 20)).toEqual([]);
    expect(lost).toEqual([]);
    expect(unexplained.slice(0, 10)).toEqual([]);
    expect(acceptedTwice).toEqual([]);
    expect(duplicates).toBe(0);
    expect(duplicateAnswersWrong).toBe(0);
    expect(validCases.length).toBeGreaterThan(BODY_CASES / 10);
    expect(validStoredOnce).toBe(validCases.length);
    expect(storedInvalid).toBe(0);
    expect(statuses.FAILED).toBe(0);
    expect(statuses.COMPLETED).toBe(rows.length);
  }, 400_000);

  it('answers fuzzed query strings on every GET route with a 2xx or a JSON 4xx, and stays up', async () => {
    const token = await serviceToken(svc.url);
    const doc = (await (await fetch(`${svc.url}/docs-json`)).json()) as Parameters<typeof operations>[0];
    const gets = operations(doc).filter((op) => op.method === 'GET');
    expect(gets.length).toBeGreaterThan(3);

    const perRoute: Record<string, string> = {};
    const violations: string[] = [];
    let sent = 0;
    const statuses: number[] = [];
    for (const [k, op] of gets.entries()) {
      const path = fillPath(op.path, (name) => {
        const p = op.params.find((x) => x.name === name && x.in === 'path');
        return p ? plausiblePathValue(p) : '1';
      });
      const queries = fc.sample(queryFor(op), { numRuns: QUERIES_PER_ROUTE, seed: SEED + 7919 * (k + 1) });
      const answers = await runBounded(queries, 8, async (q) => {
        const r = await client
          .send('GET', `${path}?${q}`, { headers: { authorization: `Bearer ${token}` } })
          .catch(
            (e: Error) =>
              ({ status: -1, text: e.message, json: undefined, contentType: '', ms: 0 }) as RawResponse,
          );
        return { q, r };
      });
      sent += answers.length;
      for (const { q, r } of answers) {
        statuses.push(r.status);
        if (r.status === -1) continue; // the client itself refused to send it (not a service answer)
        if (!wellFormed(r) && violations.length < 20) {
          violations.push(`GET ${path}?${q} → ${r.status} ${r.error ?? r.text.slice(0, 200)}`);
        }
      }
      perRoute[`  ${op.path}`] = Object.entries(tally(answers, (a) => a.r.status))
        .map(([s, n]) => `${s}×${n}`)
        .join(' ');
    }

    const alive = svc.proc.exitCode === null && svc.proc.signalCode === null;
    const health = await client.send('GET', '/api/health');
    const ready = await client.send('GET', '/api/health/ready');
    printReport('fuzz: query strings', {
      seed: SEED,
      'GET routes in the OpenAPI document': gets.length,
      'query strings sent': sent,
      ...perRoute,
      'not sendable by the client': statuses.filter((s) => s === -1).length,
      '5xx': statuses.filter((s) => s >= 500).length,
      'violations (5xx, no answer, non-JSON)': violations.length,
      'process alive': alive,
      '/api/health': health.status,
      '/api/health/ready': ready.status,
    });
    expect(violations).toEqual([]);
    expect(alive).toBe(true);
    expect(health.status).toBe(200);
    expect(ready.status).toBe(200);
  }, 300_000);
  it('answers hostile values in every parameter and body field of every route with a 2xx or a JSON 4xx; a refused write changes no row', async () => {
    await waitForTasksSettled(db.url, 60_000);
    const auth = { authorization: `Bearer ${await serviceToken(svc.url)}` };
    const doc = (await (await fetch(`${svc.url}/docs-json`)).json()) as Parameters<typeof operations>[0];
    const isWebhook = (r: HostileRequest) => r.op.path.startsWith('/api/webhooks');
    const requests = operations(doc)
      .filter((op) => op.path.startsWith('/api/'))
      .flatMap((op, k) =>
        hostileRequests(
          doc,
          op,
          SEED + 31 * k,
          op.path.startsWith('/api/webhooks') ? { secret: WEBHOOK_SECRET } : {},
        ),
      );
    const send = (r: HostileRequest) =>
      client.send(r.method, r.url, { headers: { ...auth, ...r.headers }, body: r.body, timeoutMs: 15_000 });

    // Reads side by side. Writes in batches of one route, the tables compared around each batch: a batch
    // all refused must change nothing; where an accepted write changed rows, each refused one of the batch
    // is sent again alone and compared. Webhook writes only add tasks: one per 202, none for a refusal.
    const reads = requests.filter((r) => r.method === 'GET');
    const answers = new Map<HostileRequest, RawResponse>();
    (await runBounded(reads, 8, send)).forEach((a, i) => answers.set(reads[i], a));
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const snapshot = async (webhook: boolean) => {
      const digests = await tableDigests(pg, webhook ? ROUTER_TABLES : []);
      const tasks = webhook
        ? Number((await pg.query('SELECT count(*) AS n FROM execution_tasks')).rows[0].n)
        : 0;
      return { digests, tasks };
    };
    const changedByRefused: string[] = [];
    const note = (r: HostileRequest, a: RawResponse, changed: string[]) =>
      changedByRefused.push(
        `${r.method} ${r.op.path} [${r.target}, ${r.cls}] → ${a.status}, changed ${changed.join(', ')}`,
      );
    let refusedWrites = 0;
    // webhooks last: the router then writes its tables on its own, which only webhook batches leave aside
    const writes = requests
      .filter((r) => r.method !== 'GET')
      .sort((a, b) => Number(isWebhook(a)) - Number(isWebhook(b)));
    const batches = writes.reduce<HostileRequest[][]>((all, r) => {
      const last = all[all.length - 1];
      if (last && last.length < 8 && last[0].op === r.op) last.push(r);
      else all.push([r]);
      return all;
    }, []);
    for (const batch of batches) {
      const webhook = isWebhook(batch[0]);
      const before = await snapshot(webhook);
      const got = await Promise.all(batch.map(send));
      const after = await snapshot(webhook);
      got.forEach((a, k) => answers.set(batch[k], a));
      const refused = batch.map((r, k) => [r, got[k]] as const).filter(([, a]) => a.status >= 400);
      refusedWrites += refused.length;
      const changed = changedTables(before.digests, after.digests);
      const unexplainedTasks = after.tasks - before.tasks - got.filter((a) => a.status === 202).length;
      if (webhook && unexplainedTasks !== 0)
        note(batch[0], got[0], [`execution_tasks (${unexplainedTasks} more than 202s)`]);
      if (changed.length === 0 || refused.length === 0) continue;
      if (webhook || refused.length === batch.length) refused.forEach(([r, a]) => note(r, a, changed));
      else
        for (const [r] of refused) {
          const alone = await snapshot(false);
          const a = await send(r);
          const again = changedTables(alone.digests, (await snapshot(false)).digests);
          if (a.status >= 400 && again.length > 0) note(r, a, again);
        }
    }
    await pg.end();

    const violations: string[] = [];
    const byClass: Record<string, Record<string, number>> = {};
    for (const r of requests) {
      const a = answers.get(r)!;
      const counts = (byClass[routeClass(r.op)] ??= { requests: 0, '2xx': 0, '4xx': 0, '5xx': 0, other: 0 });
      counts.requests++;
      const bucket = ok(a.status)
        ? '2xx'
        : a.status >= 400 && a.status < 500
          ? '4xx'
          : a.status >= 500
            ? '5xx'
            : 'other';
      counts[bucket]++;
      if ((!wellFormed(a) || (bucket !== '2xx' && bucket !== '4xx')) && violations.length < 20) {
        violations.push(
          `${r.method} ${r.url.slice(0, 120)} [${r.target}, ${r.cls}] → ${a.status} ${a.error ?? a.text.slice(0, 160)}`,
        );
      }
    }
    const alive = svc.proc.exitCode === null && svc.proc.signalCode === null;
    printReport('fuzz: hostile values in every parameter and body field', {
      seed: SEED,
      'operations in the OpenAPI document': new Set(requests.map((r) => `${r.method} ${r.op.path}`)).size,
      'requests sent': requests.length,
      ...Object.fromEntries(
        Object.entries(byClass).map(([k, c]) => [
          `  /api/${k}`,
          Object.entries(c)
            .map(([s, n]) => `${s} ${n}`)
            .join(', '),
        ]),
      ),
      ...Object.fromEntries(
        Object.entries(tally(requests, (r) => r.cls)).map(([k, n]) => [`  values: ${k}`, n]),
      ),
      '5xx': requests.filter((r) => answers.get(r)!.status >= 500).length,
      'violations (5xx, no answer, non-JSON)': violations.length,
      'refused writes, tables compared around each': refusedWrites,
      'refused writes that changed a row': changedByRefused.length,
      'process alive': alive,
    });
    expect(violations).toEqual([]);
    expect(changedByRefused).toEqual([]);
    expect(alive).toBe(true);
    expect(requests.length).toBeGreaterThan(1000);
  }, 300_000);
});
