import { performance } from 'node:perf_hooks';
import { LiveEventFeed } from '../../src/platform/live/live-events';
import { LiveEventsController } from '../../src/platform/live/live-events.controller';
import { startPlatforms, Platforms } from '../support/platforms';
import { ServiceProcess, startServiceProcess } from '../support/service-process';
import { openSse, SseConnection } from '../support/sse-client';
import { startTestApp, TestApp } from '../support/test-app';

const SECRET = 'live-events-webhook-secret';

/**
 * GET /api/events (issue 17): the dashboard's live stream. A webhook's task reaches every open stream
 * within 1 s, whichever process took it; any role may read it, nobody without credentials; a client that
 * goes away leaves nothing behind.
 */
describe('live events over SSE (e2e)', () => {
  let platforms: Platforms;
  let t: TestApp;
  let admin: string;
  let viewer: string;
  let other: ServiceProcess | undefined;
  const open: SseConnection[] = [];

  beforeAll(async () => {
    platforms = await startPlatforms();
    t = await startTestApp({
      label: 'live_events',
      env: {
        ...platforms.env,
        WEBHOOK_SECRET: SECRET,
        ROUTER_ENABLED: 'true',
        EVENTS_HEARTBEAT_MS: '1000',
      },
    });
    admin = await t.login();
    const key = await t.request('POST', '/api/auth/api-keys', {
      token: admin,
      body: { name: 'v', role: 'viewer' },
    });
    viewer = key.body.key;
  });
  afterAll(async () => {
    open.forEach((c) => c.close());
    await other?.stop();
    await t?.close();
    await platforms?.close();
  });

  const stream = async (headers: Record<string, string>) => {
    const c = await openSse(`${t.baseUrl}/api/events`, headers);
    open.push(c);
    return c;
  };
  const signal = (url: string, tradeId: string) =>
    fetch(`${url}/api/webhooks/tradingview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        secret: SECRET,
        trade_id: tradeId,
        ticker: 'MNQ1!',
        action: 'buy',
        quantity: 1,
        firm_codes: ['APEX'],
      }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { task_id: number } }));

  it('refuses a stream without credentials, or with a wrong token', async () => {
    const none = await stream({});
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ statusCode: 401 });
    const wrong = await stream({ authorization: 'Bearer not-a-token' });
    expect(wrong.status).toBe(401);
  });

  it('a viewer reads the stream: the task of a webhook within 1 s, then its outcome', async () => {
    const s = await stream({ authorization: `Bearer ${viewer}` });
    expect(s.status).toBe(200);
    expect(s.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(s.headers.get('cache-control')).toContain('no-cache');
    expect(s.headers.get('x-content-type-options')).toBe('nosniff');
    await s.waitFor((m) => m.event === 'ready');
    const sent = performance.now();
    const r = await signal(t.baseUrl, 'live-1');
    expect(r.status).toBe(202);
    const received = await s.waitFor(
      (m) => m.event === 'task.received' && m.json.data.task_id === r.body.task_id,
    );
    expect(received.receivedAt - sent).toBeLessThan(1000);
    expect(received.json).toEqual({
      id: received.id,
      type: 'task.received',
      at: expect.any(String),
      data: {
        task_id: r.body.task_id,
        trade_id: 'live-1',
        event_type: 'entry',
        symbol: 'MNQ1!',
        side: 'buy',
      },
    });
    expect(received.id).toMatch(/^[a-z0-9]+-\d+$/);
    const done = await s.waitFor((m) => m.event === 'task.updated' && m.json.data.task_id === r.body.task_id);
    expect(done.json.data).toMatchObject({ status: 'COMPLETED', outcome: 'DRY_RUN', error: null });
  });

  it('sends a heartbeat comment on an idle stream', async () => {
    const s = await stream({ authorization: `Bearer ${admin}` });
    await s.waitFor((m) => m.event === 'ready');
    const deadline = Date.now() + 2500;
    while (s.comments.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(s.comments).toContain('ping');
  });

  it('resumes after Last-Event-ID, and says reset for an id it does not know', async () => {
    const first = await stream({ authorization: `Bearer ${admin}` });
    await first.waitFor((m) => m.event === 'ready');
    const a = await signal(t.baseUrl, 'live-resume-a');
    const seen = await first.waitFor(
      (m) => m.event === 'task.received' && m.json.data.task_id === a.body.task_id,
    );
    first.close();
    const b = await signal(t.baseUrl, 'live-resume-b');
    // b's event reached this process while no stream was open
    await new Promise((r) => setTimeout(r, 300));
    const resumed = await stream({ authorization: `Bearer ${admin}`, 'last-event-id': seen.id! });
    expect((await resumed.waitFor((m) => m.event === 'ready')).json).toEqual({ resumed: true });
    await resumed.waitFor((m) => m.event === 'task.received' && m.json.data.task_id === b.body.task_id, 1000);
    expect(
      resumed.messages.some((m) => m.event === 'task.received' && m.json.data.task_id === a.body.task_id),
    ).toBe(false);
    const unknown = await stream({ authorization: `Bearer ${admin}`, 'last-event-id': 'zzz-12' });
    await unknown.waitFor((m) => m.event === 'reset');
  });

  it('frees everything when a client disconnects', async () => {
    const controller = t.app.get(LiveEventsController);
    const feed = t.app.get(LiveEventFeed);
    open.splice(0).forEach((c) => c.close());
    await waitUntil(() => controller.openStreams() === 0 && feed.subscriberCount() === 0);
    const clients = await Promise.all([1, 2, 3].map(() => stream({ authorization: `Bearer ${viewer}` })));
    await Promise.all(clients.map((c) => c.waitFor((m) => m.event === 'ready')));
    expect(controller.openStreams()).toBe(3);
    expect(feed.subscriberCount()).toBe(3);
    clients.forEach((c) => c.close());
    await waitUntil(() => controller.openStreams() === 0 && feed.subscriberCount() === 0);
  });

  it('delivers a task taken by another router process on the same database within 1 s', async () => {
    other = await startServiceProcess({ ...platforms.env, DATABASE_URL: t.db.url, WEBHOOK_SECRET: SECRET });
    const s = await stream({ authorization: `Bearer ${viewer}` });
    await s.waitFor((m) => m.event === 'ready');
    const sent = performance.now();
    const r = await signal(other.url, 'live-other-1');
    expect(r.status).toBe(202);
    const received = await s.waitFor(
      (m) => m.event === 'task.received' && m.json.data.task_id === r.body.task_id,
    );
    expect(received.receivedAt - sent).toBeLessThan(1000);
    await s.waitFor((m) => m.event === 'task.updated' && m.json.data.task_id === r.body.task_id);
  }, 90_000);
});

async function waitUntil(ok: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
