import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServiceProcess } from '../support/service-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * A first run as a trader does it (issue 15): settings in `.env`, real variables winning over it, a typo in
 * a per-firm value stopping the start naming every bad one, a connection without credentials a warning, and
 * one start-up line saying where to go and what is enabled.
 */
describe('first run: .env, per-firm settings, the start-up line (e2e, built service)', () => {
  let db: TestDatabase;
  let envFile: string;
  beforeAll(async () => {
    db = await createTestDatabase('first_run');
    envFile = join(mkdtempSync(join(tmpdir(), 'pr-dotenv-')), '.env');
    writeFileSync(
      envFile,
      [
        '# as a trader writes it',
        'TPT_ENABLED=true',
        'TPT_PLATFORM=tradeovate',
        'TPT_BASE_URL=http://127.0.0.1:9',
        'TPT_MAX_RETRIES=abc',
        'TPT_TIMEOUT_MS=-5',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => db.drop());

  it('reads .env, and a malformed per-firm value stops the start naming each one', async () => {
    const attempt = startServiceProcess({
      DATABASE_URL: db.url,
      ROUTER_ENABLED: 'false',
      PROPROUTER_ENV_FILE: envFile,
    });
    await expect(attempt).rejects.toThrow(/service exited \(1\) before it was ready/);
    await expect(attempt).rejects.toThrow('TPT_PLATFORM must be one of rest, tradovate, projectx, paper');
    await expect(attempt).rejects.toThrow('TPT_MAX_RETRIES must be a whole number >= 0');
    await expect(attempt).rejects.toThrow('TPT_TIMEOUT_MS must be a whole number >= 1');
  });

  it('real variables win over .env; a missing credential is a warning; one line says where to go', async () => {
    const service = await startServiceProcess({
      DATABASE_URL: db.url,
      ROUTER_ENABLED: 'false',
      LOG_LEVEL: 'info',
      PROPROUTER_ENV_FILE: envFile,
      TPT_PLATFORM: 'rest',
      TPT_MAX_RETRIES: '2',
      TPT_TIMEOUT_MS: '5000',
    });
    try {
      const out = service.output();
      expect(out).toContain('.env read (the real environment wins over it)');
      expect(out).toContain(String.raw`connection \"env:TPT\" (rest) lacks TPT_API_KEY`);
      expect(out).toContain(
        `PropRouter ready at ${service.url} — dashboard ${service.url}/ — API docs ${service.url}/docs`,
      );
      expect(out).toContain('DRY RUN (nothing is sent; EXECUTION_DRY_RUN=false to trade)');
      expect(out).toContain('1 account enabled (TPT 1)');
      expect(out).toContain('router off');
    } finally {
      await service.stop();
    }
  });
});
