import { randomBytes } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase, withClient } from '../support/test-database';
import { HttpReceivers, SIGNING_SECRET, SmtpReceiver, until } from './support/receivers';

const BOT_TOKEN = '555000:delivery-bot-token-Rt55';
const TG = `/bot${BOT_TOKEN}/sendMessage`;
const DISCORD = '/discord/delivery-disc-secret-11';
const SLACK = '/slack/delivery-slack-secret-22';
const HOOK = '/generic/delivery-hook-secret-33';
const SMTP = { user: 'mailer', pass: 'delivery-smtp-pass-44' };
const SECRETS = [
  'drift-hook-secret-66',
  'limit-hook-secret-55',
  BOT_TOKEN,
  'delivery-disc-secret-11',
  'delivery-slack-secret-22',
  'delivery-hook-secret-33',
  SMTP.pass,
  SIGNING_SECRET,
];

/** A session window around now, in UTC, so the dead-man fires once during the test. */
function sessionAroundNow(): string {
  const hhmm = (d: Date) => d.toISOString().slice(11, 16);
  return `${hhmm(new Date(Date.now() - 2 * 3600_000))}-${hhmm(new Date(Date.now() + 2 * 3600_000))}`;
}

describe('notification delivery through the outbox (e2e)', () => {
  let db: TestDatabase;
  let t: TestApp;
  let http: HttpReceivers;
  let smtp: SmtpReceiver;
  let admin: string;
  const env = {
    NOTIFY_POLL_MS: '25',
    NOTIFY_RETRY_BASE_MS: '20',
    NOTIFY_RETRY_MAX_MS: '100',
    NOTIFY_HEARTBEAT_MINUTES: '1',
    NOTIFY_SESSION_HOURS: sessionAroundNow(),
    NOTIFY_SESSION_DAYS: 'mon-sun',
    NOTIFY_SESSION_TIMEZONE: 'UTC',
    NOTIFY_LIMIT_CHECK_MS: '1000',
    APEX_MAX_DAILY_LOSS: '1000',
    // the restarted app opens the secrets the first one sealed: one key for both (each gets a new data dir)
    PROPROUTER_MASTER_KEY: randomBytes(32).toString('base64'),
  };
  const start = async () => {
    t = await startTestApp({ label: 'notify_send', db, env });
    admin = await t.login();
  };
  const sql = (text: string, values: unknown[] = []) => withClient(db.url, (c) => c.query(text, values));
  const channel = async (body: object) => {
    const r = await t.request('POST', '/api/notifications/channels', { token: admin, body });
    expect(r.status).toBe(201);
    return r.body.id as number;
  };
  const texts = (path: string) => http.on(path).map((r) => JSON.parse(r.body) as Record<string, string>);

  beforeAll(async () => {
    http = await new HttpReceivers().start();
    smtp = await new SmtpReceiver().start(SMTP);
    db = await createTestDatabase('notify_send');
    await start();
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
    await http.close();
    await smtp.close();
  });

  it('each event type: exactly one message per subscribed channel, none to the others', async () => {
    await channel({
      name: 'tg',
      type: 'telegram',
      settings: { chat_id: '42', api_base_url: http.url },
      secrets: { bot_token: BOT_TOKEN },
      events: [
        'order.failed',
        'entry.rejected',
        'halt.set',
        'halt.cleared',
        'connection.down',
        'heartbeat.silent',
      ],
    });
    await channel({
      name: 'dc',
      type: 'discord',
      secrets: { webhook_url: http.url + DISCORD },
      events: ['halt.set', 'halt.cleared'],
    });
    await channel({
      name: 'hook',
      type: 'webhook',
      secrets: { url: http.url + HOOK, signing_secret: SIGNING_SECRET },
      events: ['order.failed', 'entry.rejected', 'connection.down'],
      account_ids: [7],
    });
    await channel({
      name: 'mail',
      type: 'email',
      settings: {
        host: '127.0.0.1',
        port: smtp.port,
        from: 'r@example.com',
        to: ['t@example.com'],
        username: SMTP.user,
      },
      secrets: { password: SMTP.pass },
      events: ['halt.set'],
    });
    await channel({ name: 'off', type: 'slack', enabled: false, secrets: { webhook_url: http.url + SLACK } });
    // the dead-man fired once at start-up, before there were channels: forgotten, it fires again, once
    await until(
      async () =>
        (await sql(`DELETE FROM notification_outbox WHERE kind = 'heartbeat.silent'`)).rowCount === 1,
    );
    // and fired again before the alert below ends the silence (a busy machine can delay the next round)
    await until(
      async () =>
        (await sql(`SELECT 1 FROM notification_outbox WHERE kind = 'heartbeat.silent'`)).rowCount === 1,
    );

    const task = await sql(
      `INSERT INTO execution_tasks (trade_id, event_type, payload) VALUES ('t-1', 'entry', '{}') RETURNING id`,
    );
    const taskId = task.rows[0].id;
    const order = (coid: string, account: number) =>
      sql(
        `INSERT INTO orders (task_id, trade_id, event_type, firm_code, account_id, account_label, client_order_id, symbol, side, quantity, status)
         VALUES ($1, 't-1', 'entry', 'APEX', $2, $3, $4, 'MNQ', 'BUY', 2, 'PENDING_SEND')`,
        [taskId, account, `apex-${account}`, coid],
      );
    await order('c-1', 7);
    await order('c-2', 8);
    await order('c-3', 7);
    await sql(
      `UPDATE orders SET status = 'FAILED', error_message = 'REJECTED: insufficient margin' WHERE client_order_id IN ('c-1', 'c-2')`,
    );
    await sql(`UPDATE orders SET status = 'SUCCESS' WHERE client_order_id = 'c-3'`);
    await sql(`UPDATE orders SET status = 'FAILED', error_message = 'again' WHERE client_order_id = 'c-1'`);
    await sql(`INSERT INTO execution_logs (task_id, response_body) VALUES ($1, $2::jsonb)`, [
      taskId,
      JSON.stringify({
        event_type: 'entry',
        trade_id: 't-1',
        risk_checks: [
          {
            account_id: 7,
            account_label: 'apex-7',
            firm_code: 'APEX',
            status: 'REJECTED',
            rule: 'DAILY_LOSS',
            reason: 'daily loss left $120.00',
          },
          {
            account_id: 9,
            account_label: 'apex-9',
            firm_code: 'APEX',
            status: 'APPROVED',
            rule: null,
            reason: null,
          },
        ],
      }),
    ]);
    const halt = await sql(
      `INSERT INTO trading_halts (firm_code, reason, created_by) VALUES ('APEX', 'news at 10:00', 'admin') RETURNING id`,
    );
    await sql(`UPDATE trading_halts SET cleared_at = now(), cleared_by = 'admin' WHERE id = $1`, [
      halt.rows[0].id,
    ]);
    const conn = await sql(
      `INSERT INTO platform_connections (name, platform, base_url) VALUES ('apex-rest', 'rest', 'http://x') RETURNING id`,
    );
    await sql(`INSERT INTO connection_sync (connection_id, mode) VALUES ($1, 'polling')`, [conn.rows[0].id]);
    await sql(
      `UPDATE connection_sync SET mode = 'down', last_error = 'acct-1: HTTP 503 from the platform' WHERE connection_id = $1`,
      [conn.rows[0].id],
    );
    await sql(`UPDATE connection_sync SET last_error = 'still down' WHERE connection_id = $1`, [
      conn.rows[0].id,
    ]);

    await until(
      () =>
        http.on(TG).length >= 7 &&
        http.on(DISCORD).length >= 2 &&
        http.on(HOOK).length >= 3 &&
        smtp.mails.length >= 1,
      5000,
      async () => ({
        tg: http.on(TG).length,
        dc: http.on(DISCORD).length,
        hook: http.on(HOOK).length,
        mail: smtp.mails.length,
        d: (
          await sql(
            'SELECT d.*, o.kind FROM notification_deliveries d JOIN notification_outbox o ON o.id = d.event_id',
          )
        ).rows,
        o: (await sql('SELECT * FROM notification_outbox')).rows,
      }),
    );
    await until(
      async () => (await sql(`SELECT 1 FROM notification_deliveries WHERE status <> 'SENT'`)).rowCount === 0,
    );
    // the start-up silence (deleted above) may have reached the new channels before its row went: each
    // silence is its own event, so one or two heartbeats; every other event exactly once
    const all = texts(TG).map((b) => b.text.split('\n')[0]);
    const heartbeats = all.filter((t) => t === 'No alert for 1 minute');
    expect(heartbeats.length === 1 || heartbeats.length === 2).toBe(true);
    const tg = [...all.filter((t) => t !== 'No alert for 1 minute'), 'No alert for 1 minute'];
    expect(tg.sort()).toEqual(
      [
        'Connection down: apex-rest',
        'Entry rejected: apex-7 (APEX)',
        'Halt cleared for APEX',
        'No alert for 1 minute',
        'Order failed: apex-7 (APEX)',
        'Order failed: apex-8 (APEX)',
        'Trading halted for APEX',
      ].sort(),
    );
    expect(texts(TG).find((b) => b.text.startsWith('Entry rejected'))!.text).toContain(
      'Rule DAILY_LOSS: daily loss left $120.00',
    );
    expect(texts(DISCORD).map((b) => b.content.split('\n')[0])).toEqual([
      '**Trading halted for APEX**',
      '**Halt cleared for APEX**',
    ]);
    const hooks = http.on(HOOK);
    expect(hooks.every((h) => h.signatureValid === true)).toBe(true);
    expect(hooks.map((h) => JSON.parse(h.body).kind).sort()).toEqual([
      'connection.down',
      'entry.rejected',
      'order.failed',
    ]);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].data).toContain('Subject: Trading halted for APEX');
    expect(http.on(SLACK)).toHaveLength(0);
  });

  it('a receiver failing 3 times then recovering gets the message once; a 429 waits as asked', async () => {
    const id = await channel({
      name: 'slack',
      type: 'slack',
      secrets: { webhook_url: http.url + SLACK },
      events: ['halt.set'],
    });
    http.fail(SLACK, { status: 500, times: 3 });
    http.fail(TG, {
      status: 429,
      body: { ok: false, error_code: 429, parameters: { retry_after: 0.2 } },
      times: 1,
    });
    const before = http.on(TG).length;
    await sql(
      `INSERT INTO trading_halts (firm_code, reason, created_by) VALUES (NULL, 'stop everything', 'admin')`,
    );
    await until(() => http.on(SLACK).length >= 1 && http.on(TG).length > before);
    await until(
      async () => (await sql(`SELECT 1 FROM notification_deliveries WHERE status <> 'SENT'`)).rowCount === 0,
    );
    expect(http.on(SLACK)).toHaveLength(1);
    expect(http.on(TG)).toHaveLength(before + 1);
    const row = await sql(`SELECT attempts, status FROM notification_deliveries WHERE channel_id = $1`, [id]);
    expect(row.rows).toEqual([{ attempts: 4, status: 'SENT' }]);
    const read = await t.request('GET', `/api/notifications/channels/${id}`, { token: admin });
    expect(read.body.health).toMatchObject({ status: 'ok', consecutive_failures: 0, last_error: 'HTTP 500' });
    expect(read.body.deliveries).toEqual({ pending: 0, sent: 1, failed: 0 });
    const metrics = await t.request('GET', '/metrics', { token: admin });
    expect(metrics.body).toContain('proprouter_notifications_total{channel="slack",outcome="sent"} 1');
  });

  it('a restart mid-delivery loses nothing and sends nothing twice', async () => {
    http.fail(SLACK, { status: 503, times: 1_000_000 });
    const before = { slack: http.on(SLACK).length, tg: http.on(TG).length };
    await sql(
      `INSERT INTO trading_halts (firm_code, reason, created_by) VALUES ('FTMO', 'restart test', 'admin')`,
    );
    await until(
      async () =>
        (
          await sql(
            `SELECT 1 FROM notification_deliveries d JOIN notification_channels c ON c.id = d.channel_id WHERE c.name = 'slack' AND d.attempts >= 2`,
          )
        ).rowCount === 1,
    );
    await t.close();
    http.fail(SLACK, { status: 503, times: 0 });
    (http as unknown as { faults: Map<string, unknown> }).faults.clear();
    await start();
    await until(
      () => http.on(SLACK).length > before.slack,
      5000,
      async () => (await sql(`SELECT * FROM notification_deliveries WHERE status <> 'SENT'`)).rows,
    );
    await until(
      async () => (await sql(`SELECT 1 FROM notification_deliveries WHERE status <> 'SENT'`)).rowCount === 0,
    );
    expect(http.on(SLACK)).toHaveLength(before.slack + 1);
    expect(http.on(TG)).toHaveLength(before.tg + 1);
  });

  it('limit approaching: 85 % of the daily loss used sends one warning with the room left', async () => {
    const LIMIT = '/generic/limit-hook-secret-55';
    await channel({
      name: 'limits',
      type: 'webhook',
      secrets: { url: http.url + LIMIT, signing_secret: SIGNING_SECRET },
      events: ['limit.approaching'],
    });
    const post = (path: string, body: unknown) => t.request('POST', path, { token: admin, body });
    const conn = await post('/api/accounts/connections', {
      name: 'apex-login',
      platform: 'tradovate',
      credentials: { username: 'u', password: 'p', app_id: 'a', cid: '1', sec: 's' },
    });
    const account = await post('/api/accounts', {
      label: 'apex-50k-1',
      firm_code: 'APEX',
      program_id: 4,
      connection_id: conn.body.id,
      platform_account: '1001',
    });
    expect(account.status).toBe(201);
    const state = await t.request('PUT', `/api/accounts/${account.body.id}/state`, {
      token: admin,
      body: { realized_pnl_today: -850, balance: 49150 },
    });
    expect(state.status).toBe(200);
    await until(() => http.on(LIMIT).length >= 1);
    const body = JSON.parse(http.on(LIMIT)[0].body);
    expect(body).toMatchObject({
      kind: 'limit.approaching',
      account_id: account.body.id,
      title: 'Daily loss 85 % used: apex-50k-1 (APEX)',
      data: { limit: 'daily_loss', used_percent: '85', room_left: '150.00', limit_amount: '1000.00' },
    });
  });

  it('a drift found by reconciliation sends one sync.drift naming the account and both sides', async () => {
    const DRIFT = '/generic/drift-hook-secret-66';
    await channel({
      name: 'drift',
      type: 'webhook',
      secrets: { url: http.url + DRIFT, signing_secret: SIGNING_SECRET },
      events: ['sync.drift'],
    });
    await sql(
      `INSERT INTO sync_drift (account_id, kind, drift_key, root, symbol, platform, believed, action)
       SELECT id, 'orphan_position', 'orphan:MNQ', 'MNQ', 'MNQZ6', '{"netQuantity":2}', '{"netQuantity":0,"trades":[]}', 'recorded'
       FROM trading_accounts WHERE label = 'apex-50k-1'`,
    );
    await until(() => http.on(DRIFT).length >= 1);
    expect(JSON.parse(http.on(DRIFT)[0].body)).toMatchObject({
      kind: 'sync.drift',
      title: 'Position drift: apex-50k-1 (APEX)',
      text: 'MNQZ6: platform 2, PropRouter 0 (orphan_position)\nAction: recorded',
    });
  });

  it('no secret in the outbox, the deliveries or their errors', async () => {
    const rows = await sql(
      `SELECT (SELECT json_agg(o) FROM notification_outbox o) AS o, (SELECT json_agg(d) FROM notification_deliveries d) AS d`,
    );
    const text = JSON.stringify(rows.rows);
    for (const s of SECRETS) expect(text).not.toContain(s);
  });
});
