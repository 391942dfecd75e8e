import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AesGcmCredentialCipher, keyIdOf } from '../../src/platform/crypto/aes-gcm.cipher';
import { startTestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase, withClient } from '../support/test-database';
import { HttpReceivers, SIGNING_SECRET } from './support/receivers';

const CLI = join(__dirname, '..', '..', 'dist', 'accounts', 'cli', 'rotate-key.js');
const HOOK = '/generic/rotation-hook-secret-4d';

const runCli = (env: Record<string, string>) =>
  promisify(execFile)(process.execPath, [CLI], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

const channelRows = (url: string) =>
  withClient(
    url,
    async (c) =>
      (
        await c.query<{ id: number; keyId: string; ciphertext: string }>(
          `SELECT id, secrets_key_id AS "keyId", secrets_ciphertext AS ciphertext FROM notification_channels ORDER BY id`,
        )
      ).rows,
  );

/**
 * `npm run accounts:rotate-key` re-seals the notification channels' secrets with the connections'
 * credentials, in the same transaction: after a rotation the channel still sends (its test message arrives,
 * signed with its signing secret); a channel secret the current key cannot open stops the rotation, nothing
 * changed.
 */
describe('master key rotation and notification channels (CLI, e2e)', () => {
  let db: TestDatabase;
  let http: HttpReceivers;
  const dataDir = mkdtempSync(join(tmpdir(), 'pr-rotate-notify-'));
  beforeAll(async () => {
    db = await createTestDatabase('notify_rotate');
    http = await new HttpReceivers().start();
  });
  afterAll(async () => {
    await http.close();
    await db.drop();
  });

  it('re-seals every channel secret under the new key; the test message still arrives, signed', async () => {
    const env = { PROPROUTER_MASTER_KEY: '', PROPROUTER_DATA_DIR: dataDir, NOTIFY_ENABLED: 'false' };
    let t = await startTestApp({ db, env });
    let id: number;
    try {
      const token = await t.login();
      const connection = await t.request('POST', '/api/accounts/connections', {
        token,
        body: { name: 'tv', platform: 'tradovate', credentials: { username: 'u', password: 'pw-5x' } },
      });
      expect(connection.status).toBe(201);
      const created = await t.request('POST', '/api/notifications/channels', {
        token,
        body: {
          name: 'hook',
          type: 'webhook',
          secrets: { url: `${http.url}${HOOK}`, signing_secret: SIGNING_SECRET },
        },
      });
      expect(created.status).toBe(201);
      id = created.body.id;
    } finally {
      await t.close();
    }
    const oldKey = Buffer.from(readFileSync(join(dataDir, 'master-key'), 'utf8').trim(), 'base64');
    const [before] = await channelRows(db.url);
    expect(before.keyId).toBe(keyIdOf(oldKey));

    const run = await runCli({ DATABASE_URL: db.url, PROPROUTER_DATA_DIR: dataDir });
    expect(run).toEqual({ code: 0, out: expect.stringContaining('Re-encrypted 1 connection: master key') });
    expect(run.out).toContain('Re-encrypted 1 notification channel.');
    expect(run.out).not.toContain(SIGNING_SECRET);
    const newKey = Buffer.from(readFileSync(join(dataDir, 'master-key'), 'utf8').trim(), 'base64');
    const [after] = await channelRows(db.url);
    expect(after.keyId).toBe(keyIdOf(newKey));
    expect(() => new AesGcmCredentialCipher(oldKey).open(after)).toThrow();
    expect(new AesGcmCredentialCipher(newKey).open(after)).toEqual({
      url: `${http.url}${HOOK}`,
      signing_secret: SIGNING_SECRET,
    });

    t = await startTestApp({ db, env });
    try {
      const test = await t.request('POST', `/api/notifications/channels/${id}/test`, {
        token: await t.login(),
      });
      expect(test.body).toMatchObject({ ok: true, error: null });
      expect(http.on(HOOK)).toHaveLength(1);
      expect(http.on(HOOK)[0].signatureValid).toBe(true);
    } finally {
      await t.close();
    }
  }, 90_000);

  it('a channel secret the current key cannot open stops the rotation; nothing changed', async () => {
    const foreign = new AesGcmCredentialCipher(Buffer.alloc(32, 7)).seal({ url: 'http://127.0.0.1:1/x' });
    await withClient(db.url, (c) =>
      c.query(
        `INSERT INTO notification_channels (name, type, secrets_key_id, secrets_ciphertext, events)
         VALUES ('foreign', 'webhook', $1, $2, ARRAY['halt.set'])`,
        [foreign.keyId, foreign.ciphertext],
      ),
    );
    const before = await channelRows(db.url);
    const connections = () =>
      withClient(db.url, async (c) =>
        JSON.stringify((await c.query('SELECT credentials_key_id FROM platform_connections')).rows),
      );
    const connectionsBefore = await connections();
    expect(connectionsBefore).toContain('credentials_key_id');
    const run = await runCli({ DATABASE_URL: db.url, PROPROUTER_DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/nothing changed: Notification channel \d+ \(foreign\)/);
    expect(await channelRows(db.url)).toEqual(before);
    expect(await connections()).toBe(connectionsBefore);
  }, 60_000);
});
