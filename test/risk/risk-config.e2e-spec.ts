import { runMigrations } from '../../src/platform/database/migrate';
import { startServiceProcess } from '../support/service-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The built service, as a trader starts it: a malformed risk variable stops the process (exit 1) with a
 * message naming the variable. A separate process, so that the half-started app leaves nothing behind here.
 */
describe('risk configuration at start-up (e2e, built service)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('risk_config');
    await runMigrations(db.url);
  });
  afterAll(() => db.drop());

  it('starts with valid risk settings', async () => {
    const s = await startServiceProcess({
      DATABASE_URL: db.url,
      ROUTER_ENABLED: 'false',
      APEX_MAX_RISK_PERCENT: '0.01',
      TOPSTEP_TRADING_WINDOW: '18:00-16:59',
      FTMO_TIMEZONE: 'Europe/Prague',
    });
    await s.stop('SIGTERM');
  });

  it.each([
    [{ APEX_MAX_RISK_PERCENT: 'one percent' }, 'APEX_MAX_RISK_PERCENT must be a number'],
    [{ TOPSTEP_TRADING_WINDOW: '18:00 to 16:59' }, 'TOPSTEP_TRADING_WINDOW must be HH:MM-HH:MM'],
    [{ FTMO_TIMEZONE: 'Europe/Atlantis' }, 'FTMO_TIMEZONE must be an IANA time zone'],
    [{ TRADING_DAY_ROLLOVER: '5pm' }, 'TRADING_DAY_ROLLOVER'],
    [{ TRADING_DAY_TIMEZONE: 'Nowhere/Else' }, 'TRADING_DAY_TIMEZONE'],
  ])('refuses to start with %j, naming the variable', async (env, message) => {
    const attempt = startServiceProcess({ DATABASE_URL: db.url, ROUTER_ENABLED: 'false', ...env });
    await expect(attempt).rejects.toThrow(/service exited \(1\) before it was ready/);
    await expect(attempt).rejects.toThrow(message);
  });
});
