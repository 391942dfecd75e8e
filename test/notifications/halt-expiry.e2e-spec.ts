import { waitFor } from '../routing/support/wait';
import { startTestApp, TestApp } from '../support/test-app';
import { withClient } from '../support/test-database';
import { HttpReceivers } from './support/receivers';

const HOOK = '/discord/halt-expiry-hook-31';

/**
 * A halt that ends by itself changes no row: the sender's halt-expiry check announces it, once (checks every
 * second here; the outbox key keeps later checks from adding it again), and a cleared halt's end is not
 * announced a second time.
 */
describe('a halt that ends by itself is announced (e2e)', () => {
  let t: TestApp;
  let http: HttpReceivers;

  beforeAll(async () => {
    http = await new HttpReceivers().start();
    t = await startTestApp({
      label: 'notify_halt_expiry',
      env: { NOTIFY_ENABLED: 'true', NOTIFY_POLL_MS: '100', NOTIFY_LIMIT_CHECK_MS: '1000' },
    });
    const token = await t.login();
    const r = await t.request('POST', '/api/notifications/channels', {
      token,
      body: {
        name: 'halts',
        type: 'discord',
        events: ['halt.set', 'halt.cleared'],
        secrets: { webhook_url: `${http.url}${HOOK}` },
      },
    });
    expect(r.status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    await http?.close();
  });

  const contents = () => http.on(HOOK).map((m) => (JSON.parse(m.body) as { content: string }).content);

  it('sends "Halt ended" once when its end passes; a halt cleared by hand is not announced again', async () => {
    await withClient(t.db.url, (c) =>
      c.query(
        `INSERT INTO trading_halts (firm_code, reason, created_by, expires_at, cleared_at, cleared_by) VALUES
           (NULL, 'cool-down after a loss', 'guard', now() + interval '1500 milliseconds', NULL, NULL),
           (NULL, 'cleared by hand', 'admin', now() + interval '1500 milliseconds', now(), 'admin')`,
      ),
    );
    await waitFor('the halt to be announced as ended', async () =>
      contents().some((c) => c.includes('Halt ended')),
    );
    await new Promise((r) => setTimeout(r, 3000)); // three more checks
    const ended = contents().filter((c) => c.includes('Halt ended'));
    expect(ended).toHaveLength(1);
    expect(ended[0]).toContain('(all firms)');
    expect(ended[0]).toContain('Was: cool-down after a loss (set by guard)');
    expect(ended[0]).toContain('It ended by itself at');
    // the second halt, cleared before its end, is never announced as ended
    expect(contents().filter((c) => c.includes('Halt ended') && c.includes('cleared by hand'))).toEqual([]);
  }, 30_000);
});
