import { startServiceProcess, ServiceProcess } from '../support/service-process';
import { ADMIN } from '../support/test-app';
import { createTestDatabase, TestDatabase, withClient } from '../support/test-database';
import { HttpReceivers, until } from './support/receivers';

/**
 * What the built process writes (LOG_LEVEL=debug, LOG_REQUESTS=true) while channels are created, refused,
 * tested against a receiver that fails echoing what it got, and deliveries are retried: never a secret.
 */
const BOT_TOKEN = '888000:log-bot-token-Zp31';
const HOOK_TOKEN = 'log-discord-token-Mn72';
const REFUSED = 'log-refused-secret-Kd90';

describe('channel secrets stay out of the logs (built process)', () => {
  let db: TestDatabase;
  let svc: ServiceProcess;
  let http: HttpReceivers;
  let token: string;

  beforeAll(async () => {
    http = await new HttpReceivers().start();
    db = await createTestDatabase('notify_logs');
    svc = await startServiceProcess({
      DATABASE_URL: db.url,
      LOG_LEVEL: 'debug',
      LOG_REQUESTS: 'true',
      ROUTER_ENABLED: 'false',
      NOTIFY_POLL_MS: '25',
      NOTIFY_RETRY_BASE_MS: '20',
      NOTIFY_MAX_ATTEMPTS: '2',
    });
    const r = await fetch(`${svc.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    token = ((await r.json()) as { access_token: string }).access_token;
  }, 90_000);

  afterAll(async () => {
    await svc?.stop('SIGKILL');
    await db?.drop();
    await http?.close();
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(svc.url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, text: await r.text() };
  };

  it('logs no bot token, webhook URL token or refused secret', async () => {
    // each receiver echoes the secret it was sent with
    const echo = (secret: string) => ({
      status: 500,
      body: { description: `bad ${secret}`, message: `bad ${secret}` },
      times: 100,
    });
    http.fail(`/bot${BOT_TOKEN}/sendMessage`, echo(BOT_TOKEN));
    http.fail(`/discord/${HOOK_TOKEN}`, echo(HOOK_TOKEN));
    const answers = [
      await call('POST', '/api/notifications/channels', {
        name: 'tg',
        type: 'telegram',
        settings: { chat_id: '1', api_base_url: http.url },
        secrets: { bot_token: BOT_TOKEN },
      }),
      await call('POST', '/api/notifications/channels', {
        name: 'dc',
        type: 'discord',
        secrets: { webhook_url: `${http.url}/discord/${HOOK_TOKEN}` },
      }),
      await call('POST', '/api/notifications/channels', {
        name: 'bad',
        type: 'discord',
        secrets: { webhook_url: `not a url ${REFUSED}`, other: REFUSED },
      }),
    ];
    expect(answers.map((a) => a.status)).toEqual([201, 201, 400]);
    for (const created of answers.slice(0, 2))
      answers.push(await call('POST', `/api/notifications/channels/${JSON.parse(created.text).id}/test`));
    expect(answers.slice(3).map((a) => JSON.parse(a.text).ok)).toEqual([false, false]);
    await withClient(db.url, (c) =>
      c.query(`INSERT INTO trading_halts (firm_code, reason, created_by) VALUES (NULL, 'log test', 'admin')`),
    );
    await until(async () => {
      const r = await withClient(db.url, (c) =>
        c.query(`SELECT 1 FROM notification_deliveries WHERE status = 'FAILED'`),
      );
      return r.rowCount === 2;
    });
    answers.push(await call('GET', '/api/notifications/channels'));
    const everything = svc.output() + answers.map((a) => a.text).join('\n');
    expect(everything).toContain('HTTP 500: bad [REDACTED]');
    expect({
      bot: everything.includes(BOT_TOKEN),
      hook: everything.includes(HOOK_TOKEN),
      refused: everything.includes(REFUSED),
    }).toEqual({ bot: false, hook: false, refused: false });
  });
});
