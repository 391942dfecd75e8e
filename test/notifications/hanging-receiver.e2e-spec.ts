import { createServer, Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { waitFor } from '../routing/support/wait';
import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';
import { HttpReceivers } from './support/receivers';

const HOOK = '/discord/healthy-hook-5e';

/**
 * A receiver that accepts and never answers holds up its own channel only: while a send to it waits out
 * NOTIFY_SEND_TIMEOUT_MS, the next events reach a healthy channel within a poll or two.
 */
describe('a hanging notification receiver (e2e)', () => {
  let t: TestApp;
  let http: HttpReceivers;
  let hanging: Server;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    http = await new HttpReceivers().start();
    hanging = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    t = await startTestApp({
      label: 'notify_hanging',
      env: { NOTIFY_ENABLED: 'true', NOTIFY_POLL_MS: '100', NOTIFY_SEND_TIMEOUT_MS: '8000' },
    });
    const token = await t.login();
    const port = (hanging.address() as AddressInfo).port;
    for (const body of [
      {
        name: 'hanging',
        type: 'webhook',
        secrets: { url: `http://127.0.0.1:${port}/hook`, signing_secret: 'hanging-signing-secret-123' },
      },
      { name: 'healthy', type: 'discord', secrets: { webhook_url: `${http.url}${HOOK}` } },
    ])
      expect((await t.request('POST', '/api/notifications/channels', { token, body })).status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    for (const s of sockets) s.destroy();
    await new Promise((r) => hanging?.close(r));
    await http?.close();
  });

  const halt = (reason: string) =>
    withClient(t.db.url, (c) =>
      c.query(`INSERT INTO trading_halts (firm_code, reason, created_by) VALUES (NULL, $1, 'admin')`, [
        reason,
      ]),
    );

  it('the healthy channel gets each event at once while the hanging one waits', async () => {
    await halt('first halt');
    await waitFor('the first message', async () => http.on(HOOK).length === 1);
    await waitFor('the hanging receiver to be called', async () => sockets.length >= 1);
    const started = Date.now();
    await halt('second halt');
    await waitFor('the second message', async () => http.on(HOOK).length === 2, 3000);
    expect(Date.now() - started).toBeLessThan(3000); // the hanging send still has seconds to wait
    expect(sockets).toHaveLength(1); // its channel was left out of the claims while it waited
    expect(JSON.parse(http.on(HOOK)[1].body).content).toContain('second halt');
  }, 30_000);
});
