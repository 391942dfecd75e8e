import { type Platforms, startPlatforms } from '../../support/platforms';
import { ADMIN, serviceToken, type ServiceProcess, startServiceProcess } from '../../support/service-process';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

/**
 * What the dashboard's browser tests run against: the built service (live mode, router on) on a Postgres
 * copy, the three loopback platform fakes, no account configured (the tests add them through the UI).
 */
export const WEBHOOK_SECRET = 'dashboard-webhook-secret-7d21';
export const VIEWER = { username: 'dash-viewer', password: 'viewer-password-9f3a' };
/** The REST fake's one account, which "test connection" lists and the UI picks. */
export const REST_ACCOUNT = { id: 'DASH-REST-1', name: 'Dash REST one' };

export interface DashboardWorld {
  svc: ServiceProcess;
  platforms: Platforms;
  db: TestDatabase;
  adminToken: string;
  /** Calls the API as admin (or with `token`); status and parsed body. */
  api(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Posts an alert with the webhook secret; the task id (202 expected). */
  alert(body: Record<string, unknown>): Promise<number>;
  close(): Promise<void>;
}

export async function startDashboardWorld(): Promise<DashboardWorld> {
  const platforms = await startPlatforms({ accounts: { rest: [REST_ACCOUNT] } });
  const db = await createTestDatabase('dash_ui');
  const svc = await startServiceProcess({
    DATABASE_URL: db.url,
    WEBHOOK_SECRET,
    EXECUTION_DRY_RUN: 'false',
    ROUTER_ENABLED: 'true',
    // account states are not synced here (test/sync covers it); the fakes publish no rate limit
    SYNC_ENABLED: 'false',
    CONNECTOR_RATE_LIMITS: 'off',
  }).catch(async (e: unknown) => {
    await Promise.all([platforms.close(), db.drop()]);
    throw e;
  });
  const adminToken = await serviceToken(svc.url, ADMIN);
  const api: DashboardWorld['api'] = async (method, path, body, token = adminToken) => {
    const r = await fetch(svc.url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
  const created = await api('POST', '/api/auth/users', { ...VIEWER, role: 'viewer' });
  if (created.status !== 201) throw new Error(`viewer not created: ${JSON.stringify(created)}`);
  return {
    svc,
    platforms,
    db,
    adminToken,
    api,
    async alert(body) {
      const r = await fetch(`${svc.url}/api/webhooks/tradingview`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ secret: WEBHOOK_SECRET, ...body }),
      });
      const json = (await r.json()) as { task_id?: number };
      if (r.status !== 202 || !json.task_id)
        throw new Error(`alert refused: ${r.status} ${JSON.stringify(json)}`);
      return json.task_id;
    },
    async close() {
      await svc.stop('SIGKILL');
      await platforms.close();
      await db.drop();
    },
  };
}
