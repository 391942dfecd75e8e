import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NotificationSender } from '../../src/notifications/application/notification-sender';
import { Outbox } from '../../src/notifications/application/ports/outbox.port';
import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';

const EVENTS = 8;
const ANSWER_AFTER_MS = 300;

/**
 * A batch that outlasts its lease: the sender (its round run by the test, not by its timer) claims eight
 * deliveries under one 1 s lease and sends them to a receiver that takes 300 ms each, 2.4 s in all. Meanwhile
 * another holder (a second process, played by the test through the same outbox) claims whatever lapses. Each
 * delivery's lease is renewed just before its send, so the sender never sends one the other holder took:
 * without the renewal, the deliveries after the first second were sent by both.
 */
describe('notification leases: a batch that outlasts its lease (e2e)', () => {
  let t: TestApp;
  let receiver: Server;
  const received: number[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push(Number(req.headers['x-proprouter-event-id']));
        setTimeout(() => res.writeHead(200).end('ok'), ANSWER_AFTER_MS);
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    t = await startTestApp({
      label: 'notify_lease',
      // the sender's timer stays off: the test runs its round, alone
      env: { NOTIFY_ENABLED: 'false', NOTIFY_LEASE_MS: '1000', NOTIFY_SEND_TIMEOUT_MS: '500' },
    });
    const token = await t.login();
    const port = (receiver.address() as AddressInfo).port;
    const r = await t.request('POST', '/api/notifications/channels', {
      token,
      body: {
        name: 'slow receiver',
        type: 'webhook',
        events: ['halt.set'],
        secrets: { url: `http://127.0.0.1:${port}/hook`, signing_secret: 'lease-signing-secret-7781' },
      },
    });
    expect(r.status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((r) => receiver?.close(r));
  });

  it('sends only the deliveries it still holds; the lapsed ones are left to the holder that took them', async () => {
    await withClient(t.db.url, (c) =>
      c.query(
        `INSERT INTO trading_halts (firm_code, reason, created_by)
           SELECT NULL, 'halt ' || i, 'admin' FROM generate_series(1, $1::int) i`,
        [EVENTS],
      ),
    );
    const outbox = t.app.get(Outbox);
    const sender = t.app.get(NotificationSender);
    await sender.tick(); // dispatches and claims the eight, and starts sending them
    const takenByOther = new Set<number>();
    let rounds = true;
    const other = (async () => {
      while (rounds) {
        for (const d of await outbox.claim('another-process', 60_000, 50)) takenByOther.add(d.event.id);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await new Promise((r) => setTimeout(r, EVENTS * ANSWER_AFTER_MS + 1000));
    rounds = false;
    await other;

    expect(received.length).toBeGreaterThanOrEqual(3); // the first second's sends went out
    expect(takenByOther.size).toBeGreaterThan(0); // the batch did outlast its lease
    expect(received.filter((id) => takenByOther.has(id))).toEqual([]);
    expect(new Set([...received, ...takenByOther]).size).toBe(EVENTS); // nothing lost: each has one holder
    const sent = await withClient(t.db.url, (c) =>
      c.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification_deliveries WHERE status = 'SENT'`),
    );
    expect(sent.rows[0].n).toBe(received.length);
  }, 60_000);
});
