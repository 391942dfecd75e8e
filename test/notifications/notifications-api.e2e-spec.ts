import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { HttpReceivers, SIGNING_SECRET, SmtpReceiver } from './support/receivers';

const BOT_TOKEN = '777000:bot-token-secret-Qx81';
const SMTP = { user: 'mailer', pass: 'smtp-password-secret-Lk29' };
const SECRETS = [
  BOT_TOKEN,
  SMTP.pass,
  SIGNING_SECRET,
  'hook-secret-disc-9a',
  'hook-secret-slack-3b',
  'hook-secret-generic-7c',
];

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe('notification channels API (e2e)', () => {
  let t: TestApp;
  let http: HttpReceivers;
  let smtp: SmtpReceiver;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    http = await new HttpReceivers().start();
    smtp = await new SmtpReceiver().start(SMTP);
    t = await startTestApp({
      label: 'notify_api',
      env: { NOTIFY_ENABLED: 'false', PUBLIC_URL: 'https://router.example.com' },
    });
    admin = await t.login();
    viewer = (
      await t.request('POST', '/api/auth/api-keys', {
        token: admin,
        body: { name: 'viewer', role: 'viewer' },
      })
    ).body.key;
  });
  afterAll(async () => {
    await t.close();
    await http.close();
    await smtp.close();
  });

  const post = (path: string, body?: unknown, token = admin) => t.request('POST', path, { token, body });
  const bodies: unknown[] = [];
  const keep = <T extends { body: unknown }>(r: T) => (bodies.push(r.body), r);

  const channels = () => ({
    telegram: {
      name: 'phone',
      type: 'telegram',
      settings: { chat_id: '42', api_base_url: http.url },
      secrets: { bot_token: BOT_TOKEN },
    },
    discord: {
      name: 'discord',
      type: 'discord',
      secrets: { webhook_url: `${http.url}/discord/hook-secret-disc-9a` },
    },
    slack: {
      name: 'slack',
      type: 'slack',
      secrets: { webhook_url: `${http.url}/slack/hook-secret-slack-3b` },
    },
    webhook: {
      name: 'hook',
      type: 'webhook',
      secrets: { url: `${http.url}/generic/hook-secret-generic-7c`, signing_secret: SIGNING_SECRET },
    },
    email: {
      name: 'mail',
      type: 'email',
      settings: {
        host: '127.0.0.1',
        port: smtp.port,
        from: 'router@example.com',
        to: ['trader@example.com'],
        username: SMTP.user,
      },
      secrets: { password: SMTP.pass },
    },
  });

  it('creates each type; secrets are write-only and sealed; each test message arrives', async () => {
    const ids: Record<string, number> = {};
    for (const [type, body] of Object.entries(channels())) {
      const created = keep(await post('/api/notifications/channels', body));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        type,
        enabled: true,
        secrets_set: true,
        account_ids: null,
        health: { status: 'ok' },
      });
      // which secrets are stored, by name (never a value)
      expect(created.body.secret_fields_set).toEqual(Object.keys(body.secrets).sort());
      expect(created.body.events).not.toContain('entry.rejected');
      expect(created.body.events).toContain('order.failed');
      ids[type] = created.body.id;
      const test = keep(await post(`/api/notifications/channels/${ids[type]}/test`));
      expect(test.status).toBe(200);
      expect(test.body).toMatchObject({ ok: true, error: null });
    }
    expect(http.on(`/bot${BOT_TOKEN}/sendMessage`)).toHaveLength(1);
    const tg = JSON.parse(http.on(`/bot${BOT_TOKEN}/sendMessage`)[0].body);
    expect(tg).toMatchObject({ chat_id: '42' });
    expect(tg.text).toContain('PropRouter test message');
    expect(tg.text).toContain('https://router.example.com');
    expect(JSON.parse(http.on('/discord/hook-secret-disc-9a')[0].body).content).toContain('test message');
    expect(JSON.parse(http.on('/slack/hook-secret-slack-3b')[0].body).text).toContain('test message');
    const generic = http.on('/generic/hook-secret-generic-7c')[0];
    expect(generic.signatureValid).toBe(true);
    expect(JSON.parse(generic.body)).toMatchObject({ kind: 'test', title: 'PropRouter test message' });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toMatchObject({
      from: 'router@example.com',
      to: ['trader@example.com'],
      user: SMTP.user,
    });
    expect(smtp.mails[0].data).toContain('Subject: PropRouter test message');

    const rows = await withClient(t.db.url, (c) => c.query('SELECT * FROM notification_channels'));
    expect(rows.rows).toHaveLength(5);
    const stored = JSON.stringify(rows.rows);
    for (const s of SECRETS) expect(stored).not.toContain(s);
    const read = keep(await t.request('GET', '/api/notifications/channels', { token: viewer }));
    expect(read.body.total).toBe(5);
    expect(read.body.items[0].deliveries).toEqual({ pending: 0, sent: 0, failed: 0 });
    for (const s of SECRETS) expect(JSON.stringify(bodies)).not.toContain(s);
  });

  it('a failing receiver: the test answers the outcome, redacted, and the channel shows failing after 3', async () => {
    const c = keep(await post('/api/notifications/channels', { ...channels().discord, name: 'broken' }));
    http.fail('/discord/hook-secret-disc-9a', {
      status: 500,
      body: { message: 'boom hook-secret-disc-9a' },
      times: 3,
    });
    for (let i = 1; i <= 3; i++) {
      const r = keep(await post(`/api/notifications/channels/${c.body.id}/test`));
      expect(r.body).toMatchObject({ ok: false, status: 500, error: 'HTTP 500: boom [REDACTED]' });
      expect(r.body.channel.health).toMatchObject({
        status: i < 3 ? 'ok' : 'failing',
        consecutive_failures: i,
      });
    }
    const ok = keep(await post(`/api/notifications/channels/${c.body.id}/test`));
    expect(ok.body.channel.health).toMatchObject({ status: 'ok', consecutive_failures: 0 });
    const refused = keep(
      await post('/api/notifications/channels', {
        ...channels().telegram,
        name: 'dead',
        settings: { chat_id: '1', api_base_url: `http://127.0.0.1:${await closedPort()}` },
      }),
    );
    const dead = keep(await post(`/api/notifications/channels/${refused.body.id}/test`));
    expect(dead.body).toMatchObject({ ok: false, status: null, error: 'network error (ECONNREFUSED)' });
    // a webhook at the cloud metadata address is refused before any request (server-side request forgery)
    const metadata = keep(
      await post('/api/notifications/channels', {
        ...channels().telegram,
        name: 'metadata',
        settings: { chat_id: '1', api_base_url: 'http://169.254.169.254' },
      }),
    );
    const ssrf = keep(await post(`/api/notifications/channels/${metadata.body.id}/test`));
    expect(ssrf.body).toMatchObject({ ok: false, status: null });
    expect(ssrf.body.error).toMatch(/^address refused: 169\.254\.169\.254 is a link-local/);
    for (const s of SECRETS) expect(JSON.stringify(bodies)).not.toContain(s);
  });

  it('400 lists every problem; 404; 409; viewers cannot write', async () => {
    const bad = await post('/api/notifications/channels', {
      name: '',
      type: 'telegram',
      settings: { chat: 'x' },
      secrets: { bot_token: 5 },
      events: ['order.failed', 'nope'],
      account_ids: [0],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual(
      expect.arrayContaining([
        'name: must be a string of 1–100 characters',
        expect.stringMatching(/^events: unknown nope/),
        'account_ids: must be null (every account) or a list of account ids',
      ]),
    );
    const badType = await post('/api/notifications/channels', { name: 'x', type: 'pager', secrets: {} });
    expect(badType.body.details).toEqual(['type: must be one of telegram, discord, slack, webhook, email']);
    const fields = await post('/api/notifications/channels', {
      name: 'x',
      type: 'telegram',
      settings: { chat: 'x' },
      secrets: { bot_token: 5 },
    });
    expect(fields.body.details).toEqual([
      'settings.chat: is not a field of this channel type (chat_id, api_base_url)',
      'settings.chat_id: is required',
      'secrets.bot_token: must be a non-empty string',
    ]);
    const unknown = await post('/api/notifications/channels', {
      ...channels().slack,
      name: 's2',
      colour: 'red',
    });
    expect(unknown.status).toBe(400);
    expect((await t.request('GET', '/api/notifications/channels/99999', { token: viewer })).status).toBe(404);
    expect((await post('/api/notifications/channels/99999/test')).status).toBe(404);
    expect((await post('/api/notifications/channels', { ...channels().slack, name: 'PHONE' })).status).toBe(
      409,
    );
    expect((await post('/api/notifications/channels', channels().slack, viewer)).status).toBe(403);
  });

  it('PATCH keeps what is absent, null removes a setting, a new secret replaces the old; DELETE', async () => {
    const c = (await post('/api/notifications/channels', { ...channels().email, name: 'mail-2' })).body;
    const patched = await t.request('PATCH', `/api/notifications/channels/${c.id}`, {
      token: admin,
      body: {
        settings: { username: null, port: 2525 },
        secrets: { password: null },
        events: ['halt.set'],
        account_ids: [3, 4],
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      events: ['halt.set'],
      account_ids: [3, 4],
      secrets_set: true,
      secret_fields_set: [],
    });
    expect(patched.body.settings).toEqual({
      host: '127.0.0.1',
      port: 2525,
      from: 'router@example.com',
      to: ['trader@example.com'],
    });
    const retyped = await t.request('PATCH', `/api/notifications/channels/${c.id}`, {
      token: admin,
      body: { type: 'slack' },
    });
    expect(retyped.body.details).toEqual(['secrets.webhook_url: is required']);
    const del = await t.request('DELETE', `/api/notifications/channels/${c.id}`, { token: admin });
    expect(del.status).toBe(200);
    expect((await t.request('GET', `/api/notifications/channels/${c.id}`, { token: admin })).status).toBe(
      404,
    );
  });

  it("lists a channel's latest deliveries, newest first, with the event's title and the redacted error", async () => {
    const c = (await post('/api/notifications/channels', { ...channels().slack, name: 'slack-log' })).body;
    await withClient(t.db.url, async (db) => {
      const events = await db.query<{ id: string }>(
        `INSERT INTO notification_outbox (kind, account_id, payload) VALUES
           ('order.failed', NULL, '{"account_label":"acc-1","firm_code":"APEX","side":"buy","quantity":1,"symbol":"NQ","error":"refused"}'),
           ('halt.set', NULL, '{"firm_code":null,"reason":"news","by":"admin"}') RETURNING id`,
      );
      await db.query(
        `INSERT INTO notification_deliveries (event_id, channel_id, status, attempts, last_error, sent_at) VALUES
           ($1, $3, 'FAILED', 5, 'HTTP 500: boom [REDACTED]', NULL), ($2, $3, 'SENT', 1, NULL, now())`,
        [events.rows[0].id, events.rows[1].id, c.id],
      );
    });
    const list = await t.request('GET', `/api/notifications/channels/${c.id}/deliveries`, { token: viewer });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        kind: 'halt.set',
        title: 'Trading halted (all firms)',
        status: 'SENT',
        attempts: 1,
        last_error: null,
        next_attempt_at: null,
        sent_at: expect.any(String),
      }),
      expect.objectContaining({
        kind: 'order.failed',
        account_id: null,
        title: 'Order failed: acc-1 (APEX)',
        status: 'FAILED',
        attempts: 5,
        last_error: 'HTTP 500: boom [REDACTED]',
        sent_at: null,
      }),
    ]);
    const one = await t.request('GET', `/api/notifications/channels/${c.id}/deliveries?limit=1`, {
      token: viewer,
    });
    expect(one.body.items.map((d: { kind: string }) => d.kind)).toEqual(['halt.set']);
    const bad = await t.request('GET', `/api/notifications/channels/${c.id}/deliveries?limit=0`, {
      token: viewer,
    });
    expect(bad.status).toBe(400);
    expect(
      (await t.request('GET', '/api/notifications/channels/99999/deliveries', { token: viewer })).status,
    ).toBe(404);
  });
});
