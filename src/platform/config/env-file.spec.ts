import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEnvText, loadEnvFile } from './env-file';

describe('.env file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pr-env-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sets what the environment lacks; the real environment wins', () => {
    const env: NodeJS.ProcessEnv = { PORT: '4000' };
    const applied = applyEnvText(
      '# comment\nPORT=3000\nWEBHOOK_SECRET="a secret with spaces"\nEXECUTION_DRY_RUN=false\n',
      env,
    );
    expect(applied.sort()).toEqual(['EXECUTION_DRY_RUN', 'WEBHOOK_SECRET']);
    expect(env).toEqual({ PORT: '4000', WEBHOOK_SECRET: 'a secret with spaces', EXECUTION_DRY_RUN: 'false' });
  });

  it('an empty value in the real environment still wins (set is set)', () => {
    const env: NodeJS.ProcessEnv = { LOG_LEVEL: '' };
    expect(applyEnvText('LOG_LEVEL=debug', env)).toEqual([]);
    expect(env.LOG_LEVEL).toBe('');
  });

  it('reads .env from the given path; none there is not an error', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadEnvFile(env, join(dir, '.env'))).toBeNull();
    writeFileSync(join(dir, '.env'), 'APEX_ENABLED=true\n');
    expect(loadEnvFile(env, join(dir, '.env'))).toEqual(['APEX_ENABLED']);
    expect(env.APEX_ENABLED).toBe('true');
  });

  it('a .env that cannot be read stops with its path', () => {
    mkdirSync(join(dir, '.env'));
    expect(() => loadEnvFile({}, join(dir, '.env'))).toThrow(`${join(dir, '.env')} cannot be read`);
  });
});

describe('PROPROUTER_ENV_FILE', () => {
  it('`none` reads no file', () => {
    const env: NodeJS.ProcessEnv = { PROPROUTER_ENV_FILE: 'none' };
    expect(loadEnvFile(env)).toBeNull();
    expect(Object.keys(env)).toEqual(['PROPROUTER_ENV_FILE']);
  });
});
