import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Logger } from '@nestjs/common';
import { MasterKeyCheck } from '../../src/accounts/application/master-key.check';
import { AccountDirectory } from '../../src/accounts/application/ports/account-directory.port';
import { AesGcmCredentialCipher, keyIdOf } from '../../src/platform/crypto/aes-gcm.cipher';
import { startTestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase, withClient } from '../support/test-database';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'accounts', 'cli', 'rotate-key.js');
const PASSWORD = 'rotate-me-password-31';

const sealedRows = (url: string) =>
  withClient(
    url,
    async (c) =>
      (
        await c.query<{ id: number; keyId: string; ciphertext: string }>(
          `SELECT id, credentials_key_id AS "keyId", credentials_ciphertext AS ciphertext
           FROM platform_connections WHERE credentials_ciphertext IS NOT NULL ORDER BY id`,
        )
      ).rows,
  );

/** Starts the app on `db` with `env`, creates one Tradovate connection, closes; returns its id. */
async function seedConnection(db: TestDatabase, env: Record<string, string>): Promise<number> {
  const t = await startTestApp({ db, env });
  try {
    const r = await t.request('POST', '/api/accounts/connections', {
      token: await t.login(),
      body: {
        name: `tv-${randomBytes(2).toString('hex')}`,
        platform: 'tradovate',
        credentials: { username: 'u', password: PASSWORD },
      },
    });
    expect(r.status).toBe(201);
    return r.body.id;
  } finally {
    await t.close();
  }
}

const runCli = (env: Record<string, string>) =>
  promisify(execFile)(process.execPath, [CLI], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

describe('master key (e2e)', () => {
  it('a malformed PROPROUTER_MASTER_KEY stops start-up, naming the variable, never the value', async () => {
    const db = await createTestDatabase('acc_key_bad');
    try {
      const bad = 'c2hvcnQta2V5LXZhbHVlLTEyMw==';
      const err = await startTestApp({ db, env: { PROPROUTER_MASTER_KEY: bad } }).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err?.message).toMatch(/PROPROUTER_MASTER_KEY must be 32 bytes, base64-encoded/);
      expect(err?.message.includes(bad)).toBe(false);
      expect(err?.message.includes('short-key-value')).toBe(false);
    } finally {
      await db.drop();
    }
  });

  it('PROPROUTER_MASTER_KEY seals the credentials; unset, a key is generated once in the data dir (0600)', async () => {
    const db = await createTestDatabase('acc_key');
    try {
      const key = randomBytes(32);
      await seedConnection(db, { PROPROUTER_MASTER_KEY: key.toString('base64') });
      const dataDir = mkdtempSync(join(tmpdir(), 'pr-key-'));
      await seedConnection(db, { PROPROUTER_MASTER_KEY: '', PROPROUTER_DATA_DIR: dataDir });
      const file = join(dataDir, 'master-key');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const fileKey = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
      expect((await sealedRows(db.url)).map((r) => r.keyId)).toEqual([keyIdOf(key), keyIdOf(fileKey)]);
      await seedConnection(db, { PROPROUTER_MASTER_KEY: '', PROPROUTER_DATA_DIR: dataDir });
      expect(readFileSync(file, 'utf8').trim()).toBe(fileKey.toString('base64'));

      // a process holding another key says so at start-up, by key ids only
      const third = randomBytes(32);
      const t = await startTestApp({ db, env: { PROPROUTER_MASTER_KEY: third.toString('base64') } });
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      try {
        await t.app.get(MasterKeyCheck).onApplicationBootstrap();
        const message = String(logged.mock.calls[0]?.[0]);
        expect(message).toContain(`master key ${keyIdOf(third)}`);
        expect(message).toContain(`under key ${keyIdOf(fileKey)}`);
        expect(message).toContain(`under key ${keyIdOf(key)}`);
        for (const k of [key, fileKey, third]) expect(message.includes(k.toString('base64'))).toBe(false);
      } finally {
        logged.mockRestore();
        await t.close();
      }
    } finally {
      await db.drop();
    }
  });
});

describe('npm run accounts:rotate-key (CLI, e2e)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('acc_rotate');
  });
  afterAll(() => db.drop());

  it('re-encrypts every row under a generated key written to the data dir; the old key opens nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pr-rotate-'));
    const env = { PROPROUTER_MASTER_KEY: '', PROPROUTER_DATA_DIR: dataDir };
    const id = await seedConnection(db, env);
    await seedConnection(db, env);
    const file = join(dataDir, 'master-key');
    const oldKey = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    const before = await sealedRows(db.url);

    const run = await runCli({ DATABASE_URL: db.url, PROPROUTER_DATA_DIR: dataDir });
    expect(run).toEqual({
      code: 0,
      out: expect.stringMatching(/Re-encrypted 2 connections: master key [0-9a-f]{16} → [0-9a-f]{16}/),
    });
    const newKey = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(run.out.includes(newKey.toString('base64'))).toBe(false);
    expect(run.out.includes(oldKey.toString('base64'))).toBe(false);

    const after = await sealedRows(db.url);
    expect(after.map((r) => r.keyId)).toEqual([keyIdOf(newKey), keyIdOf(newKey)]);
    const oldCipher = new AesGcmCredentialCipher(oldKey);
    expect(oldCipher.open(before[0])).toMatchObject({ password: PASSWORD });
    for (const row of after) {
      expect(() => oldCipher.open(row)).toThrow();
      expect(() => oldCipher.open({ ...row, keyId: oldCipher.keyId() })).toThrow(
        /wrong master key or tampered/,
      );
      expect(new AesGcmCredentialCipher(newKey).open(row)).toEqual({ username: 'u', password: PASSWORD });
    }
    const audit = await withClient(
      db.url,
      async (c) => (await c.query(`SELECT after FROM accounts_audit WHERE action = 'rotate_key'`)).rows,
    );
    expect(audit).toHaveLength(2);

    // the service, restarted on the data dir, decrypts under the new key
    const t = await startTestApp({ db, env });
    try {
      expect((await t.app.get(AccountDirectory).connection(id))?.credentials.password).toBe(PASSWORD);
    } finally {
      await t.close();
    }
  }, 90_000);

  it('a service running on the data dir follows the rotation: opens the re-encrypted rows, seals new ones under the new key', async () => {
    const rotDb = await createTestDatabase('acc_rotate_live');
    const dataDir = mkdtempSync(join(tmpdir(), 'pr-rotate-live-'));
    const t = await startTestApp({
      db: rotDb,
      env: { PROPROUTER_MASTER_KEY: '', PROPROUTER_DATA_DIR: dataDir },
    });
    try {
      const token = await t.login();
      const create = (name: string) =>
        t.request('POST', '/api/accounts/connections', {
          token,
          body: { name, platform: 'projectx', credentials: { username: 'u', api_key: PASSWORD } },
        });
      const first = (await create('before')).body.id as number;
      const run = await runCli({ DATABASE_URL: rotDb.url, PROPROUTER_DATA_DIR: dataDir });
      expect(run.code).toBe(0);
      const newKeyId = keyIdOf(
        Buffer.from(readFileSync(join(dataDir, 'master-key'), 'utf8').trim(), 'base64'),
      );
      expect((await t.app.get(AccountDirectory).connection(first))?.credentials.api_key).toBe(PASSWORD);
      expect((await create('after')).status).toBe(201);
      expect((await sealedRows(rotDb.url)).map((r) => r.keyId)).toEqual([newKeyId, newKeyId]);
    } finally {
      await t.close();
      await rotDb.drop();
    }
  }, 60_000);

  it('takes NEW_PROPROUTER_MASTER_KEY; refuses a malformed one without echoing it, changing nothing', async () => {
    const oldKey = randomBytes(32).toString('base64');
    const dataDir = mkdtempSync(join(tmpdir(), 'pr-rotate-env-'));
    await seedConnection(db, { PROPROUTER_MASTER_KEY: oldKey, PROPROUTER_DATA_DIR: dataDir });
    const before = await sealedRows(db.url);
    const bad = await runCli({
      DATABASE_URL: db.url,
      PROPROUTER_MASTER_KEY: oldKey,
      NEW_PROPROUTER_MASTER_KEY: 'bm90LWEta2V5',
    });
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/NEW_PROPROUTER_MASTER_KEY must be 32 bytes/);
    expect(bad.out.includes('bm90LWEta2V5')).toBe(false);
    // rows sealed under another key: nothing changes either
    const mixed = await runCli({
      DATABASE_URL: db.url,
      PROPROUTER_MASTER_KEY: oldKey,
      NEW_PROPROUTER_MASTER_KEY: randomBytes(32).toString('base64'),
    });
    expect(mixed.code).toBe(1);
    expect(mixed.out).toMatch(/nothing changed: Connection \d+ .*sealed under master key/);
    expect(await sealedRows(db.url)).toEqual(before);
    expect(existsSync(join(dataDir, 'master-key'))).toBe(false);
  }, 60_000);
});
