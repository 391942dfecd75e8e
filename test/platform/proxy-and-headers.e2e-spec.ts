import { entrySignal } from '../reliability/support/signals';
import { startServiceProcess } from '../support/service-process';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * TRUST_PROXY: the test client stands for a proxy on 127.0.0.1 that appends the real client to
 * X-Forwarded-For. A client forging an allowed address as the left-most entry must not pass
 * WEBHOOK_ALLOWED_IPS; `TRUST_PROXY=true` (or a hop count) is refused at start-up. Security headers on the API and /docs.
 */
const SECRET = 'proxy-webhook-secret-4d2a';
const ALLOWED = '203.0.113.7';
const ATTACKER = '198.51.100.9';

describe.each([
  ['the proxy address', '127.0.0.1'],
  ['a range holding the proxy', '127.0.0.0/8,10.0.0.0/8'],
])('TRUST_PROXY as %s', (_label, trustProxy) => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase('proxy');
    t = await startTestApp({
      db,
      // APEX has an (env) account: an alert to a firm without one is refused at intake
      env: {
        WEBHOOK_SECRET: SECRET,
        WEBHOOK_ALLOWED_IPS: ALLOWED,
        TRUST_PROXY: trustProxy,
        APEX_ENABLED: 'true',
      },
    });
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const send = (xff: string) =>
    t.request('POST', '/api/webhooks/tradingview', {
      body: entrySignal(`px-${Date.now()}-${xff.length}`, ['APEX'], SECRET),
      headers: { 'x-forwarded-for': xff },
    });

  it('takes the right-most untrusted hop: a forged left-most entry is refused', async () => {
    expect((await send(`${ALLOWED}, ${ATTACKER}`)).status).toBe(403);
    expect((await send(ATTACKER)).status).toBe(403);
  });

  it('accepts the allowed client the proxy appended', async () => {
    expect((await send(`${ATTACKER}, ${ALLOWED}`)).status).toBe(202);
  });
});

describe.each(['true', '1'])('TRUST_PROXY=%s', (value) => {
  it('stops the built process at start-up with a message naming the variable and what to set', async () => {
    const started = startServiceProcess({
      TRUST_PROXY: value,
      DATABASE_URL: 'postgresql://127.0.0.1:1/none',
    });
    const said = new RegExp(
      `exited \\(1\\)[\\s\\S]*TRUST_PROXY=${value} would let a client[\\s\\S]*TRUST_PROXY=127\\.0\\.0\\.1`,
    );
    await expect(started).rejects.toThrow(said);
  });
});

describe('security headers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ label: 'headers' });
  });

  afterAll(async () => {
    await t?.close();
  });

  const expectHardened = (headers: Headers) => {
    const csp = headers.get('content-security-policy') ?? '';
    expect({
      nosniff: headers.get('x-content-type-options'),
      frame: headers.get('x-frame-options'),
      defaultSelf: csp.includes("default-src 'self'"),
      scriptsSelfOnly: /script-src 'self'(;|$)/.test(csp),
      noFraming: csp.includes("frame-ancestors 'none'"),
      sseAndFetch: csp.includes("connect-src 'self'"),
    }).toEqual({
      nosniff: 'nosniff',
      frame: 'DENY',
      defaultSelf: true,
      scriptsSelfOnly: true,
      noFraming: true,
      sseAndFetch: true,
    });
  };

  it('are on API answers, errors included', async () => {
    const ok = await t.request('GET', '/api/health');
    expect(ok.status).toBe(200);
    expectHardened(ok.headers);
    const denied = await t.request('GET', '/api/execution/tasks');
    expect(denied.status).toBe(401);
    expectHardened(denied.headers);
  });

  it('are nosniff only on the webhooks (machine answers, the hot path)', async () => {
    const hook = await t.request('POST', '/api/webhooks/tradingview', { body: { trade_id: 'h-1' } });
    expect({
      nosniff: hook.headers.get('x-content-type-options'),
      csp: hook.headers.get('content-security-policy'),
    }).toEqual({ nosniff: 'nosniff', csp: null });
  });

  it('are on /docs, whose page loads only same-origin scripts and styles the CSP allows', async () => {
    const page = await fetch(`${t.baseUrl}/docs`);
    expect(page.status).toBe(200);
    expectHardened(page.headers);
    const html = await page.text();
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].filter(
      (m) => m[1].trim().length > 0,
    );
    expect(inlineScripts).toHaveLength(0); // script-src 'self' runs no inline script
    const assets = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      const url = new URL(asset, page.url);
      expect(url.origin).toBe(t.baseUrl);
      const r = await fetch(url);
      await r.arrayBuffer(); // read to the end: an unread answer keeps its connection busy
      expect({ asset, status: r.status }).toEqual({ asset, status: 200 });
    }
    expect((await fetch(`${t.baseUrl}/docs-json`)).status).toBe(200);
  });
});
