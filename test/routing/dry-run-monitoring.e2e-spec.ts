import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';
import { readmeLateralQuery, SEED_FIXTURES, SEED_QUERIES, sqlBlocksOn } from './support/monitoring-sql';
import { FIRMS, Platforms, startPlatforms } from '../support/platforms';
import { waitFor } from './support/wait';

const SECRET = 'dry-run-webhook-secret';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- rows are asserted field by field

/** The default mode: every firm configured and reachable, EXECUTION_DRY_RUN left unset. */
describe('dry run by default: every decision recorded, nothing sent (e2e)', () => {
  let t: TestApp;
  let token: string;
  let platforms: Platforms;
  let result: Row;

  beforeAll(async () => {
    platforms = await startPlatforms();
    t = await startTestApp({
      label: 'dry_run',
      env: {
        ...platforms.env,
        EXECUTION_DRY_RUN: undefined,
        FTMO_MAX_POSITION_SIZE: '3',
        WEBHOOK_SECRET: SECRET,
        ROUTER_ENABLED: 'true',
        ROUTER_POLL_INTERVAL_MS: '60000',
      },
    });
    token = await t.login();
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      body: {
        secret: SECRET,
        trade_id: 'dry-1',
        ticker: 'MNQ1!',
        action: 'buy',
        price: 21010,
        stopLoss: { stopPrice: 21000 },
        risk_percent: 0.002,
        firm_codes: [...FIRMS],
        program_ids: [1, 5, 9],
      },
    });
    expect(r.status).toBe(202);
    const task = await waitFor('the dry-run task to complete', async () => {
      const x = await t.request('GET', `/api/execution/tasks/${r.body.task_id}`, { token });
      return x.body.status === 'COMPLETED' ? x.body : null;
    });
    result = task.result;
  });
  afterAll(async () => {
    await t?.close();
    await platforms?.close();
  });

  it('runs risk and sizing for every firm × program and records them', () => {
    expect(result).toMatchObject({ routed: false, dry_run: true, event_type: 'entry', trade_id: 'dry-1' });
    expect(result.risk_checks.map((r: Row) => [r.firm_code, r.status, r.rule])).toEqual([
      // sizing computed 5 for FTMO; its firm allows 3 contracts: sized down to fit (issue 16), rule named
      ['FTMO', 'APPROVED', 'MAX_POSITION_SIZE'],
      ['APEX', 'APPROVED', null],
      ['TOPSTEP', 'APPROVED', null],
    ]);
    expect(result.risk_checks[0]).toMatchObject({ approved_quantity: 3, details: { capped_from: 5 } });
    expect(result.program_sizing).toHaveLength(9);
    expect(
      result.program_sizing
        .filter((s: Row) => s.status === 'APPROVED')
        .map((s: Row) => [s.firm_code, s.program_id, s.computed_quantity]),
    ).toEqual([
      ['FTMO', 1, 5],
      ['APEX', 5, 10],
      ['TOPSTEP', 9, 20],
    ]);
  });

  it('skips every firm with GLOBAL_DRY_RUN_ENABLED, the one sized to fit included', () => {
    expect(result.connector_results).toEqual([
      {
        firm_code: 'FTMO',
        account_id: expect.any(Number),
        account_label: 'env:FTMO',
        status: 'SKIPPED',
        external_order_id: null,
        raw_response: null,
        error_message: 'GLOBAL_DRY_RUN_ENABLED',
      },
      {
        firm_code: 'APEX',
        account_id: expect.any(Number),
        account_label: 'env:APEX',
        status: 'SKIPPED',
        external_order_id: null,
        raw_response: null,
        error_message: 'GLOBAL_DRY_RUN_ENABLED',
      },
      {
        firm_code: 'TOPSTEP',
        account_id: expect.any(Number),
        account_label: 'env:TOPSTEP',
        status: 'SKIPPED',
        external_order_id: null,
        raw_response: null,
        error_message: 'GLOBAL_DRY_RUN_ENABLED',
      },
    ]);
  });

  it('sends nothing: no request reached any platform, no order row exists', async () => {
    for (const firm of FIRMS)
      expect({ firm, requests: platforms.byFirm[firm].requests() }).toEqual({ firm, requests: [] });
    const orders = await t.request('GET', '/api/execution/orders', { token });
    expect(orders.body).toEqual({ total: 0, items: [] });
  });

  describe("the seeds' monitoring SQL over these records", () => {
    const query = (sql: string) => withClient(t.db.url, async (c) => (await c.query(sql)).rows as Row[]);

    it('uses the queries exactly as the seed documents print them', () => {
      const seeds = SEED_FIXTURES.flatMap(sqlBlocksOn);
      expect(seeds).toEqual(Object.values(SEED_QUERIES).map((q) => q.trim()));
    });

    it('13E "check sizing decisions" lists the task with its sizing and connector results', async () => {
      const rows = await query(SEED_QUERIES.sizingDecisions);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ trade_id: 'dry-1', event_type: 'entry' });
      expect(rows[0].program_sizing).toEqual(result.program_sizing);
      expect(rows[0].connector_results).toEqual(result.connector_results);
    });

    it('13E "auto-sizing statistics" fails as written, and the README\'s LATERAL version answers it', async () => {
      await expect(query(SEED_QUERIES.autoSizingStatistics)).rejects.toThrow(
        /aggregate function calls cannot contain set-returning function calls/,
      );
      const rows = await query(readmeLateralQuery());
      const approved = rows
        .filter((r) => r.status === 'APPROVED')
        .map((r) => [r.firm, r.program, Number(r.avg_quantity)]);
      expect(approved).toEqual([
        ['APEX', '5', 10],
        ['FTMO', '1', 5],
        ['TOPSTEP', '9', 20],
      ]);
      expect(rows.filter((r) => r.status === 'REJECTED')).toHaveLength(6);
    });

    it('13C "connector results" and "success rates" count the skipped firms', async () => {
      const results = await query(SEED_QUERIES.connectorResults);
      expect(results.map((r) => [r.trade_id, r.connector_results.length])).toEqual([['dry-1', 3]]);
      const rates = await query(SEED_QUERIES.connectorSuccessRates);
      expect(rates.map((r) => [r.firm, r.status, Number(r.count)])).toEqual([
        ['APEX', 'SKIPPED', 1],
        ['FTMO', 'SKIPPED', 1],
        ['TOPSTEP', 'SKIPPED', 1],
      ]);
    });
  });
});
