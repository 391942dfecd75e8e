import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Platforms, PLATFORM_SECRETS, startPlatforms } from '../support/platforms';
import { postSignal, serviceToken, ServiceProcess, startServiceProcess } from '../support/service-process';
import { createTestDatabase, TestDatabase, withClient } from '../support/test-database';
import { waitFor } from '../routing/support/wait';

const SECRET = 'restart-resync-webhook-secret';
type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field

/**
 * Issue 14: a restart resynchronises before the router sends anything for an account. The built service syncs
 * an account at the REST fake (flat), is SIGKILLed; while it is down a position of 2 NQ is opened at the platform
 * by hand; it restarts while its stored state still looks fresh (SYNC_STALE_MS 60 s) and the platform answers its
 * first read slowly. The first alert after the restart is checked on the resynchronised state: with
 * FTMO_MAX_POSITION_SIZE 2, the position opened while it was down leaves no room and the entry is rejected (on
 * the stale state it would have been sent).
 */
describe('restart resync (e2e, built service, SIGKILL)', () => {
  let db: TestDatabase;
  let platforms: Platforms;
  let svc: ServiceProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'pr-resync-')); // one master key across the restart

  const start = () =>
    startServiceProcess({
      DATABASE_URL: db.url,
      PROPROUTER_DATA_DIR: dataDir,
      WEBHOOK_SECRET: SECRET,
      EXECUTION_DRY_RUN: 'false',
      ROUTER_ENABLED: 'true',
      CONNECTOR_RATE_LIMITS: 'off',
      SYNC_POLL_INTERVAL_MS: '200',
      SYNC_STALE_MS: '60000',
      FTMO_MAX_POSITION_SIZE: '2',
    });
  const api = async (method: string, path: string, token: string, body?: unknown) => {
    const r = await fetch(`${svc!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as Row };
  };

  beforeAll(async () => {
    db = await createTestDatabase('restart_resync');
    platforms = await startPlatforms({
      accounts: { rest: [{ id: 'FT-R', name: 'FT-R', balance: '100000' }] },
    });
    platforms.setPrice('NQ', '21000');
  });
  afterAll(async () => {
    await svc?.stop('SIGKILL');
    await platforms?.close();
    await db?.drop();
  });

  it('the first alert after a SIGKILL and restart is checked on the state read after the restart', async () => {
    svc = await start();
    let token = await serviceToken(svc.url);
    const conn = await api('POST', '/api/accounts/connections', token, platforms.connections.rest);
    expect(conn.status).toBe(201);
    const acct = await api('POST', '/api/accounts', token, {
      label: 'ftmo-resync',
      firm_code: 'FTMO',
      program_id: 2,
      connection_id: conn.body.id,
      platform_account: 'FT-R',
      sizing_mode: 'fixed',
      fixed_quantity: 1,
    });
    expect(acct.status).toBe(201);
    const state = async () => (await api('GET', `/api/accounts/${acct.body.id}/state`, token)).body;
    await waitFor('the first sync', async () => ((await state()).source === 'platform' ? true : null));
    expect((await state()).open_contracts).toBe(0);

    await svc.stop('SIGKILL');
    // while PropRouter is down: 2 NQ bought at the platform by hand (another tool, the trader)
    const byHand = await fetch(`${platforms.byFirm.FTMO.url}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PLATFORM_SECRETS.restApiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        symbol: 'NQ',
        side: 'BUY',
        quantity: 2,
        order_type: 'MARKET',
        client_order_id: 'by-hand-1',
        account_id: 'FT-R',
      }),
    });
    expect(byHand.status).toBe(201);
    // the stored state (flat, confirmed a moment ago) still looks fresh; the platform answers the first read late
    platforms.byFirm.FTMO.addFault({ fault: { kind: 'slow', ms: 1500 }, path: '/positions', times: 1 });

    svc = await start();
    const sent = await postSignal(svc.url, {
      secret: SECRET,
      trade_id: 'after-restart',
      symbol: 'NQ',
      action: 'buy',
      entry_price: 21000,
      stop_loss: 20990,
      accounts: 'ftmo-resync',
    });
    expect(sent?.status).toBe(202);
    const result = await waitFor(
      'the task to complete',
      () =>
        withClient(db.url, async (c) => {
          const r = await c.query<{ response_body: Row }>(
            'SELECT response_body FROM execution_logs WHERE task_id = $1',
            [sent!.taskId],
          );
          return r.rows[0]?.response_body ?? null;
        }),
      30_000,
    );
    expect(result.outcome).toBe('REJECTED');
    expect(result.risk_checks).toEqual([
      expect.objectContaining({
        status: 'REJECTED',
        rule: 'MAX_POSITION_SIZE',
        details: expect.objectContaining({ open_contracts: 2 }),
      }),
    ]);
    expect(platforms.byFirm.FTMO.orders().filter((o) => o.clientOrderId !== 'by-hand-1')).toEqual([]);
    token = await serviceToken(svc.url);
    expect(await state()).toMatchObject({ source: 'platform', open_contracts: 2 });
  }, 120_000); // two service starts: ~3 s each alone, far more beside other test files on 2 cores
});
