import { createServer } from 'node:net';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { waitFor } from '../routing/support/wait';
import { Platforms, startPlatforms } from '../support/platforms';
import { startTestApp, TestApp } from '../support/test-app';

const SECRET = 'metrics-e2e-webhook-secret';

interface Family {
  name: string;
  type: string;
  metrics: {
    labels?: Record<string, string>;
    value?: string;
    count?: string;
    buckets?: Record<string, string>;
  }[];
}

/** Every sample line of the exposition: `name{label="value",…} value`. */
function samplesOf(text: string): { name: string; labels: Record<string, string>; value: string }[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) throw new Error(`not a sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, k, v] of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v;
      return { name: m[1], labels, value: m[3] };
    });
}

/** A port free on 127.0.0.1 right now (for METRICS_PORT). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * Issue 18's metrics: `/metrics` in the Prometheus text format (checked by a Prometheus text-format
 * parser), protected like the API (JWT or API key), and on METRICS_PORT for localhost; its counters and
 * gauges move as signals flow.
 */
describe('Prometheus metrics (e2e)', () => {
  let platforms: Platforms;
  let t: TestApp;
  let token: string;
  let metricsPort: number;

  /** Scrapes, checks the text with a Prometheus text-format parser, and indexes its samples. */
  const scrape = async (auth: Record<string, string> = { authorization: `Bearer ${token}` }) => {
    const res = await fetch(`${t.baseUrl}/metrics`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    return { families: parsePrometheusTextFormat(text) as Family[], samples: samplesOf(text) };
  };
  type Scrape = Awaited<ReturnType<typeof scrape>>;
  const family = (s: Scrape, name: string) => s.families.find((f) => f.name === name);
  /** A sample's value (0 when absent): `name` with at least these labels (histograms: `name_count`). */
  const value = (s: Scrape, name: string, labels: Record<string, string> = {}): number => {
    const hit = s.samples.find(
      (x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v),
    );
    return hit ? Number(hit.value) : 0;
  };

  beforeAll(async () => {
    metricsPort = await freePort();
    platforms = await startPlatforms({
      accounts: { rest: [{ id: 'FT-2001', name: 'FT-2001', balance: '100000' }] },
    });
    t = await startTestApp({
      label: 'metrics',
      env: {
        WEBHOOK_SECRET: SECRET,
        EXECUTION_DRY_RUN: 'false',
        ROUTER_ENABLED: 'true',
        CONNECTOR_RATE_LIMITS: 'off',
        SYNC_POLL_INTERVAL_MS: '200',
        METRICS_PORT: String(metricsPort),
      },
    });
    token = await t.login();
    const conn = await t.request('POST', '/api/accounts/connections', {
      token,
      body: platforms.connections.rest,
    });
    const acct = await t.request('POST', '/api/accounts', {
      token,
      body: {
        label: 'ftmo-metrics-1',
        firm_code: 'FTMO',
        program_id: 2,
        connection_id: conn.body.id,
        platform_account: 'FT-2001',
        sizing_mode: 'fixed',
        fixed_quantity: 1,
      },
    });
    expect(acct.status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    await platforms?.close();
  });

  it('is protected like the API: no credentials → 401; a viewer API key or a JWT → 200', async () => {
    expect((await fetch(`${t.baseUrl}/metrics`)).status).toBe(401);
    const key = await t.request('POST', '/api/auth/api-keys', {
      token,
      body: { name: 'prometheus', role: 'viewer' },
    });
    expect(key.status).toBe(201);
    const families = await scrape({ 'x-api-key': key.body.key });
    expect(family(families, 'proprouter_process_cpu_seconds_total')).toBeDefined();
    expect(family(families, 'proprouter_nodejs_eventloop_lag_seconds')).toBeDefined();
    expect(family(families, 'proprouter_nodejs_heap_size_used_bytes')).toBeDefined();
  });

  it('its counters move as signals flow: webhook outcomes, tasks, orders, signal → order latency, queue', async () => {
    const before = await scrape();
    const refused = await t.request('POST', '/api/webhooks/tradingview', {
      body: { secret: 'wrong', trade_id: 'm-0', symbol: 'NQ', action: 'buy' },
    });
    expect(refused.status).toBe(401);
    platforms.setPrice('NQ', '21000');
    const accepted = await t.request('POST', '/api/webhooks/tradingview', {
      body: { secret: SECRET, trade_id: 'm-1', symbol: 'NQ', action: 'buy', accounts: 'ftmo-metrics-1' },
    });
    expect(accepted.status).toBe(202);
    const after = await waitFor('the order to be counted', async () => {
      const f = await scrape();
      return value(f, 'proprouter_orders_total', { platform: 'rest', firm: 'FTMO', status: 'SUCCESS' }) === 1
        ? f
        : null;
    });
    const delta = (name: string, labels: Record<string, string>) =>
      value(after, name, labels) - value(before, name, labels);
    expect(delta('proprouter_webhook_requests_total', { outcome: 'refused', reason: 'unauthorized' })).toBe(
      1,
    );
    expect(delta('proprouter_webhook_requests_total', { outcome: 'accepted', reason: 'queued' })).toBe(1);
    expect(delta('proprouter_webhook_intake_seconds_count', {})).toBe(2);
    expect(delta('proprouter_signal_to_order_seconds_count', { platform: 'rest' })).toBe(1);
    await waitFor('the task to be counted', async () => {
      const f = await scrape();
      return value(f, 'proprouter_tasks_total', { outcome: 'ROUTED' }) === 1 ? f : null;
    });
    expect(value(after, 'proprouter_queue_depth')).toBe(0);
    expect(family(after, 'proprouter_connector_breaker_open')?.metrics).toEqual([
      expect.objectContaining({ labels: expect.objectContaining({ platform: 'rest' }), value: '0' }),
    ]);
  });

  it("shows each synced account's equity and room, and the connection's sync", async () => {
    const f = await waitFor('the account gauges', async () => {
      const s = await scrape();
      return value(s, 'proprouter_account_equity', { account: 'ftmo-metrics-1' }) > 0 ? s : null;
    });
    const labels = { account: 'ftmo-metrics-1', firm: 'FTMO' };
    expect(value(f, 'proprouter_account_daily_loss_left', labels)).toBeGreaterThan(0);
    expect(value(f, 'proprouter_account_drawdown_left', labels)).toBeGreaterThan(0);
    expect(family(f, 'proprouter_sync_mode')?.metrics).toEqual([
      expect.objectContaining({ labels: expect.objectContaining({ mode: 'polling' }), value: '1' }),
    ]);
  });

  it('METRICS_PORT serves the same text on 127.0.0.1 without credentials, and nothing else', async () => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const families = parsePrometheusTextFormat(text) as Family[];
    expect(families.find((f) => f.name === 'proprouter_orders_total')).toBeDefined();
    expect(samplesOf(text).length).toBeGreaterThan(50);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/api/accounts`)).status).toBe(404);
  });
});
