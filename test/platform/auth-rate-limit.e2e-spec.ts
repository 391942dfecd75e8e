import { AppEnv } from '../../src/platform/config/app.config';
import { validateEnv } from '../../src/platform/config/validate-env';
import { startTestApp, TestApp } from '../support/test-app';

const SECRET = 'rate-limit-webhook-secret';
const LOGIN_MAX = 10;
const API_MAX = 60;
const WEBHOOK_MAX = 80;

/**
 * Issue 12: a wrong-login burst from one client gets 429 with Retry-After while the webhook (its own
 * budget) still answers; every other route has its own budget too. Small budgets here, to keep it short.
 */
describe('rate limits (e2e)', () => {
  let t: TestApp;
  let seq = 0;
  const signal = () =>
    t.request('POST', '/api/webhooks/tradingview', {
      body: {
        secret: SECRET,
        trade_id: `rl-${++seq}`,
        ticker: 'NQ1!',
        action: 'buy',
        quantity: 1,
        program_ids: [4],
      },
    });
  const wrongLogin = (i: number) =>
    t.request('POST', '/api/auth/login', {
      body: { username: `guess-${i}`, password: `wrong-password-${i}` },
    });

  beforeAll(async () => {
    t = await startTestApp({
      label: 'rate_limit',
      env: {
        WEBHOOK_SECRET: SECRET,
        WEBHOOK_ALLOWED_IPS: undefined,
        RATE_LIMIT_LOGIN_MAX: String(LOGIN_MAX),
        RATE_LIMIT_MAX: String(API_MAX),
        RATE_LIMIT_WEBHOOK_MAX: String(WEBHOOK_MAX),
        // the per-username and per-client lockouts are tested in auth-sessions: here, only the budgets
        LOGIN_LOCKOUT_AFTER: '1000',
        LOGIN_LOCKOUT_CLIENT_AFTER: '1000',
      },
    });
  });
  afterAll(() => t.close());

  it('answers a wrong-login burst with 429 and Retry-After, while the webhook still accepts signals', async () => {
    const [logins, signals] = await Promise.all([
      Promise.all(Array.from({ length: 3 * LOGIN_MAX }, (_, i) => wrongLogin(i))),
      Promise.all(Array.from({ length: 20 }, () => signal())),
    ]);
    const statuses = logins.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_MAX);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2 * LOGIN_MAX);
    for (const r of logins.filter((x) => x.status === 429)) {
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(r.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(r.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    }
    expect(signals.map((r) => r.status)).toEqual(Array(20).fill(202));
    // the client's login budget is spent, even for the right password, and a refusal is answered late
    // (a tarpit: each connection of a guesser gets about one answer a second); other routes are not affected
    const started = Date.now();
    const right = await t.request('POST', '/api/auth/login', {
      body: { username: 'admin', password: 'admin-password-for-tests' },
    });
    expect(right.status).toBe(429);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect((await t.request('GET', '/api/execution/tasks')).status).toBe(401);
    expect((await signal()).status).toBe(202);
  });

  it('gives every other route one budget per client, and the webhook its own', async () => {
    // counted before authentication: a client without credentials spends the budget too
    const reads = await Promise.all(
      Array.from({ length: API_MAX + 5 }, () => t.request('GET', '/api/execution/tasks')),
    );
    const refused = reads.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(refused[0].headers.get('retry-after')).toMatch(/^\d+$/);
    // liveness is never limited (orchestrators poll it)
    expect((await t.request('GET', '/api/health')).status).toBe(200);
    expect((await signal()).status).toBe(202);
    const signals = [];
    for (let i = 0; i < WEBHOOK_MAX; i++) signals.push((await signal()).status);
    expect(signals.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(signals.filter((s) => s === 202).length).toBe(WEBHOOK_MAX - 22);
  });

  it('refuses a malformed budget at start-up, naming the variable', () => {
    expect(() => validateEnv(AppEnv, { RATE_LIMIT_MAX: '0', RATE_LIMIT_LOGIN_MAX: 'lots' })).toThrow(
      /RATE_LIMIT_MAX[\s\S]*RATE_LIMIT_LOGIN_MAX|RATE_LIMIT_LOGIN_MAX[\s\S]*RATE_LIMIT_MAX/,
    );
  });
});
