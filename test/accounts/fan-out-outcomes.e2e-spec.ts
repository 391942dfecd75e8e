import type { FakeOrderRecord } from '../../src/connectors/fakes/fake-platform';
import { waitFor } from '../routing/support/wait';
import { databaseDump, FanOut, leaks, startFanOut } from './support/fan-out';

/**
 * Issue 13 "Done means", part 2: RETRY re-driven to SUCCESS, the operator's retry, every task outcome and the
 * monitoring filters, and credentials absent from every answer, log line and database row (the built service
 * on Postgres, configured through the API, against the loopback fakes).
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('fan-out outcomes, re-drives and credentials (e2e, built service)', () => {
  let f: FanOut;
  let dry: FanOut | undefined;
  let viewer: string;
  /** The dry-run service's answers, log and database dump, for the credentials check. */
  const dryTexts: Record<string, string> = {};
  /** Task ids by what this file made of them. */
  const tasks: Record<string, number> = {};

  beforeAll(async () => {
    f = await startFanOut('fan_out_outcomes', {
      // re-drive a RETRY order 1 s after its send (then 2 s, 4 s…), looked for every 100 ms
      ORDER_RETRY_BASE_DELAY_MS: '1000',
      ORDER_RETRY_POLL_MS: '100',
      ORDER_RETRY_MAX_ATTEMPTS: '10',
    });
    const created = await f.api('POST', '/api/auth/users', {
      username: 'vic',
      password: 'viewer-password-1',
      role: 'viewer',
    });
    expect(created.status).toBe(201);
    viewer = (
      await f.api('POST', '/api/auth/login', { username: 'vic', password: 'viewer-password-1' }, null)
    ).body.access_token;
  }, 120_000);
  afterAll(async () => {
    await dry?.close();
    await f?.close();
  });

  /** A task's entry orders at every fake, keyed by client order id. */
  const atFakes = (taskId: number) => {
    const out = new Map<string, FakeOrderRecord[]>();
    for (const fake of f.platforms.fakes)
      for (const o of fake.orders())
        if (o.clientOrderId?.startsWith(`pr${taskId}-`))
          out.set(o.clientOrderId, [...(out.get(o.clientOrderId) ?? []), o]);
    return out;
  };
  const statuses = (task: Row) =>
    task.result.connector_results.map((c: Row) => [c.account_label, c.status]).sort();
  const outcomeIs = (id: number, outcome: string) =>
    waitFor(
      `task ${id} to become ${outcome}`,
      async () => {
        const r = await f.api('GET', `/api/execution/tasks/${id}`);
        return r.body.outcome === outcome && r.body.result?.outcome === outcome ? r.body : null;
      },
      30_000,
    );

  it('RETRY is re-driven to SUCCESS once the platform answers: once at the platform, PARTIAL → ROUTED', async () => {
    const projectx = f.fake('projectx');
    projectx.addFault({ fault: { kind: 'http', status: 503 }, path: '/api/order/place' });
    let task: Row;
    try {
      const r = await f.alert({ trade_id: 'retry-1', symbol: 'NQ', side: 'buy', quantity: 2 });
      expect(r.status).toBe(202);
      tasks.retry = r.body.task_id;
      task = await f.task(tasks.retry);
    } finally {
      projectx.clearFaults(); // the platform heals
    }
    // after the in-call retries the two Topstep orders are RETRY, the six others went
    expect(task.result.outcome).toBe('PARTIAL');
    expect(task.outcome).toBe('PARTIAL');
    const expected = (topstep: string) =>
      [
        ['apex-1', 'SUCCESS'],
        ['apex-2', 'SUCCESS'],
        ['apex-fixed', 'SUCCESS'],
        ['apex-half', 'SUCCESS'],
        ['apex-micro', 'SUCCESS'],
        ['ftmo-1', 'SUCCESS'],
        ['top-1', topstep],
        ['top-2', topstep],
      ].sort();
    expect(statuses(task)).toEqual(expected('RETRY'));
    expect([...atFakes(tasks.retry).values()].filter((o) => o[0].accountId?.startsWith('88'))).toHaveLength(
      0,
    );

    const healed = await outcomeIs(tasks.retry, 'ROUTED');
    expect(statuses(healed)).toEqual(expected('SUCCESS'));
    expect(healed.result.account_counts).toMatchObject({ success: 8, retry: 0 });
    for (const c of healed.result.connector_results) expect(c.external_order_id).toEqual(expect.any(String));
    await sleep(2500); // longer than the next re-drive would have been: nothing is sent again
    const orders = atFakes(tasks.retry);
    expect([...orders.values()].map((copies) => [copies[0].accountId, copies.length]).sort()).toEqual(
      ['7001', '7002', '7003', '7004', '7005', '8801', '8802', 'FTMO-9001'].map((a) => [a, 1]),
    );
    const rows = await f.api('GET', `/api/execution/orders?task_id=${tasks.retry}&limit=100`);
    const topstep = rows.body.items.filter((o: Row) => o.firm_code === 'TOPSTEP');
    expect(
      topstep.map((o: Row) => [o.account_label, o.status, orders.has(o.client_order_id)]).sort(),
    ).toEqual([
      ['top-1', 'SUCCESS', true],
      ['top-2', 'SUCCESS', true],
    ]);
  });

  it('a send that reached the platform with its answer lost ends SUCCESS through the lookup, never sent twice', async () => {
    const projectx = f.fake('projectx');
    const places = () =>
      projectx.requests().filter((r) => r.path.toLowerCase() === '/api/order/place').length;
    const before = places();
    // the order is placed but its answer is garbage, and the lookups by client order id fail meanwhile
    projectx.addFault({ fault: { kind: 'malformed' }, path: '/api/order/place', times: 1 });
    projectx.addFault({ fault: { kind: 'http', status: 503 }, path: '/api/order/search' });
    let task: Row;
    try {
      task = await f.routed({
        trade_id: 'lost-1',
        symbol: 'NQ',
        side: 'buy',
        quantity: 1,
        accounts: 'top-1',
      });
    } finally {
      projectx.clearFaults();
    }
    tasks.lost = task.id;
    expect([task.outcome, statuses(task)]).toEqual(['FAILED_TO_SEND', [['top-1', 'RETRY']]]);
    const done = await outcomeIs(task.id, 'ROUTED');
    expect(statuses(done)).toEqual([['top-1', 'SUCCESS']]);
    await sleep(1500);
    expect([...atFakes(task.id).values()].map((copies) => [copies[0].accountId, copies.length])).toEqual([
      ['8801', 1],
    ]);
    expect(places() - before).toBe(1); // found by its client order id: the re-driver sent nothing
  });

  it("the operator's retry re-drives a task's FAILED order (and only it) to SUCCESS", async () => {
    const rest = f.fake('rest');
    rest.addFault({ fault: { kind: 'reject', reason: 'Account locked for review' }, path: '/orders' });
    let task: Row;
    try {
      task = await f.routed({
        trade_id: 'operator-1',
        symbol: 'NQ',
        side: 'buy',
        quantity: 1,
        accounts: ['ftmo-1', 'apex-2'],
      });
    } finally {
      rest.clearFaults();
    }
    tasks.operator = task.id;
    expect(task.outcome).toBe('PARTIAL');
    expect(statuses(task)).toEqual([
      ['apex-2', 'SUCCESS'],
      ['ftmo-1', 'FAILED'],
    ]);
    await sleep(1500); // the re-driver leaves FAILED orders alone
    expect((await f.api('GET', `/api/execution/tasks/${task.id}`)).body.outcome).toBe('PARTIAL');
    expect(atFakes(task.id).size).toBe(1);

    expect((await f.api('POST', `/api/execution/tasks/${task.id}/retry`, undefined, viewer)).status).toBe(
      403,
    );
    const retried = await f.api('POST', `/api/execution/tasks/${task.id}/retry`);
    expect(retried.status).toBeLessThan(300);
    const done = await outcomeIs(task.id, 'ROUTED');
    expect(statuses(done)).toEqual([
      ['apex-2', 'SUCCESS'],
      ['ftmo-1', 'SUCCESS'],
    ]);
    const orders = atFakes(task.id);
    expect([...orders.values()].map((copies) => [copies[0].accountId, copies.length]).sort()).toEqual([
      ['7002', 1],
      ['FTMO-9001', 1],
    ]);
  });

  it('outcomes: ROUTED, PARTIAL, REJECTED, FAILED_TO_SEND, NOTHING_TO_DO; unknown names are a 400', async () => {
    const entry = { symbol: 'NQ', side: 'buy', quantity: 1 };
    const routed = await f.routed({ ...entry, trade_id: 'o-routed', accounts: ['apex-2'] });
    tasks.routed = routed.id;
    expect([routed.outcome, statuses(routed)]).toEqual(['ROUTED', [['apex-2', 'SUCCESS']]]);

    const rest = f.fake('rest');
    rest.addFault({ fault: { kind: 'reject' }, path: '/orders' });
    try {
      const partial = await f.routed({ ...entry, trade_id: 'o-partial', accounts: ['ftmo-1', 'apex-2'] });
      tasks.partial = partial.id;
      expect(partial.outcome).toBe('PARTIAL');
      const failed = await f.routed({ ...entry, trade_id: 'o-failed', accounts: ['ftmo-1'] });
      tasks.failed = failed.id;
      expect([failed.outcome, statuses(failed)]).toEqual(['FAILED_TO_SEND', [['ftmo-1', 'FAILED']]]);
    } finally {
      rest.clearFaults();
    }

    // ⌊10 × 0.5⌋ = 5 is above the Apex 25k program's 3 contracts: every targeted account is refused
    const rejected = await f.routed({
      ...entry,
      trade_id: 'o-rejected',
      quantity: 10,
      accounts: 'apex-half',
    });
    tasks.rejected = rejected.id;
    expect(rejected.outcome).toBe('REJECTED');
    expect(rejected.result.program_sizing.map((s: Row) => [s.account_label, s.rule])).toEqual([
      ['apex-half', 'MAX_CONTRACTS'],
    ]);
    expect(atFakes(rejected.id).size).toBe(0);

    // filters that each name accounts, and together none: accepted, nothing to do
    const none = await f.alert({
      ...entry,
      trade_id: 'o-nothing',
      accounts: 'apex-half',
      firm_codes: ['FTMO'],
    });
    expect(none.status).toBe(202);
    tasks.nothing = none.body.task_id;
    const nothing = await f.task(tasks.nothing);
    expect(nothing.outcome).toBe('NOTHING_TO_DO');
    expect(nothing.result.details).toContain(
      'no enabled account matches accounts [apex-half] and firm_codes [FTMO]',
    );
    expect(nothing.result.connector_results).toEqual([]);

    const unknown = await f.alert({
      ...entry,
      trade_id: 'o-unknown',
      accounts: ['apex-2', 'ghost-account'],
      account_tags: 'ghost-tag',
      firm_codes: ['MFFU'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([
      'accounts: no account is labelled "ghost-account" (or has that id)',
      'account_tags: no account has the tag "ghost-tag"',
      'firm_codes: no account is at the firm "MFFU" (add one, or set MFFU_ENABLED for its env account)',
    ]);
  });

  it('outcome DRY_RUN: a service with EXECUTION_DRY_RUN sends nothing', async () => {
    // a second process, on its own database, configured the same way and pointed at the same fakes
    const before = f.platforms.entryOrders().length;
    dry = await startFanOut('fan_out_dry', { EXECUTION_DRY_RUN: 'true' }, f.platforms);
    const task = await dry.routed({ trade_id: 'dry-1', symbol: 'NQ', side: 'buy', quantity: 2 });
    expect(task.outcome).toBe('DRY_RUN');
    expect(task.result.account_counts).toMatchObject({ targeted: 8, skipped: 8 });
    expect(new Set(task.result.connector_results.map((c: Row) => c.error_message))).toEqual(
      new Set(['GLOBAL_DRY_RUN_ENABLED']),
    );
    await sleep(500);
    expect(f.platforms.entryOrders()).toHaveLength(before);
    // its answers, logs and rows join the credentials check below; the process is no longer needed
    await sleep(300);
    dryTexts.answers = dry.answers.join('\n');
    dryTexts.logs = dry.logs.text;
    dryTexts.dump = await databaseDump(dry.db.url);
    await dry.close();
    dry = undefined;
  });

  it('monitoring filters tasks and orders by account and by outcome', async () => {
    const ids = (items: Row[]) => items.map((t) => t.id).sort((a, b) => a - b);
    const list = async (path: string) => {
      const r = await f.api('GET', path);
      expect({ path, status: r.status }).toEqual({ path, status: 200 });
      return r.body.items as Row[];
    };
    const sorted = (...xs: number[]) => xs.sort((a, b) => a - b);
    expect(ids(await list('/api/execution/tasks?outcome=FAILED_TO_SEND&limit=100'))).toEqual([tasks.failed]);
    expect(ids(await list('/api/execution/tasks?outcome=PARTIAL&limit=100'))).toEqual([tasks.partial]);
    expect(ids(await list('/api/execution/tasks?outcome=REJECTED&limit=100'))).toEqual([tasks.rejected]);
    expect(ids(await list('/api/execution/tasks?outcome=NOTHING_TO_DO&limit=100'))).toEqual([tasks.nothing]);
    expect(ids(await list('/api/execution/tasks?outcome=ROUTED&limit=100'))).toEqual(
      sorted(tasks.retry, tasks.lost, tasks.operator, tasks.routed),
    );
    const ftmo = f.ids['ftmo-1'];
    expect(ids(await list(`/api/execution/tasks?account_id=${ftmo}&limit=100`))).toEqual(
      sorted(tasks.retry, tasks.operator, tasks.partial, tasks.failed),
    );
    expect(ids(await list(`/api/execution/tasks?account_id=${ftmo}&outcome=ROUTED&limit=100`))).toEqual(
      sorted(tasks.retry, tasks.operator),
    );
    const apex2 = f.ids['apex-2'];
    const partialOrders = await list(`/api/execution/orders?account_id=${apex2}&outcome=PARTIAL&limit=100`);
    expect(partialOrders.map((o) => [o.task_id, o.account_label, o.status])).toEqual([
      [tasks.partial, 'apex-2', 'SUCCESS'],
    ]);
    const failedOrders = await list(`/api/execution/orders?account_id=${ftmo}&outcome=FAILED_TO_SEND`);
    expect(failedOrders.map((o) => [o.task_id, o.account_label, o.status])).toEqual([
      [tasks.failed, 'ftmo-1', 'FAILED'],
    ]);
    const ftmoOrders = await list(`/api/execution/orders?account_id=${ftmo}&limit=100`);
    expect(sorted(...ftmoOrders.map((o) => o.task_id))).toEqual(
      sorted(tasks.retry, tasks.operator, tasks.partial, tasks.failed),
    );
  });

  it('a viewer reads accounts and connections, never a credential, and gets 403 on every write', async () => {
    const accounts = await f.api('GET', '/api/accounts?limit=100', undefined, viewer);
    expect(accounts.status).toBe(200);
    expect(accounts.body.items.map((a: Row) => a.label).sort()).toEqual(Object.keys(f.ids).sort());
    const connections = await f.api('GET', '/api/accounts/connections', undefined, viewer);
    expect(connections.status).toBe(200);
    const tradovate = connections.body.items.find((c: Row) => c.name === 'tradovate-login');
    expect(tradovate.credentials_set.sort()).toEqual(
      ['app_id', 'app_version', 'cid', 'device_id', 'password', 'sec', 'username'].sort(),
    );
    expect(tradovate).not.toHaveProperty('credentials');
    const one = await f.api('GET', `/api/accounts/connections/${f.connections.projectx}`, undefined, viewer);
    expect([one.status, one.body.credentials_set.sort()]).toEqual([200, ['api_key', 'username']]);

    const conn = `/api/accounts/connections/${f.connections.rest}`;
    const acct = `/api/accounts/${f.ids['ftmo-1']}`;
    const writes: [string, string, unknown][] = [
      ['POST', '/api/accounts/connections', { ...f.platforms.connections.rest, name: 'viewer-made' }],
      ['PATCH', conn, { credentials: { api_key: 'viewer-key-0000' } }],
      ['DELETE', conn, undefined],
      ['POST', `${conn}/test`, undefined],
      ['POST', '/api/accounts', { label: 'viewer-acct', firm_code: 'FTMO', program_id: 1 }],
      ['PATCH', acct, { enabled: false }],
      ['DELETE', acct, undefined],
    ];
    const answers = [];
    for (const [method, path, body] of writes)
      answers.push([method, path, (await f.api(method, path, body, viewer)).status]);
    expect(answers).toEqual(writes.map(([method, path]) => [method, path, 403]));
    // nothing changed
    const after = await f.api('GET', acct, undefined, viewer);
    expect(after.body.enabled).toBe(true);
    // the admin's connection test logs in and lists the login's accounts (and shows no credential either)
    const tested = await f.api('POST', `/api/accounts/connections/${f.connections.tradovate}/test`);
    expect(tested.status).toBe(200);
    expect(tested.body.ok).toBe(true);
  });

  it('credentials: absent from every API answer, every log line and a full database dump', async () => {
    await sleep(300); // the last log lines
    const texts: Record<string, string> = {
      answers: f.answers.join('\n'),
      logs: f.logs.text,
      dump: await databaseDump(f.db.url),
      ...Object.fromEntries(Object.entries(dryTexts).map(([k, v]) => [`dry-run ${k}`, v])),
    };
    expect(Object.keys(texts)).toHaveLength(6);
    // what was grepped holds what it should: connections, sent orders, debug logs of the sends
    expect(texts.dump).toContain('tradovate-login');
    expect(texts.dump).toContain('FTMO-9001');
    expect(texts.logs).toContain('placeOrder');
    expect(texts.answers).toContain('credentials_set');
    expect(leaks(texts)).toEqual([]);
  });
});

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- result rows are asserted field by field
