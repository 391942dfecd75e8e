import { startTestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('risk configuration at start-up (e2e)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('risk_config');
  });
  afterAll(() => db.drop());

  it.each([
    [{ APEX_MAX_RISK_PERCENT: 'one percent' }, 'APEX_MAX_RISK_PERCENT must be a number'],
    [{ TOPSTEP_TRADING_WINDOW: '18:00 to 16:59' }, 'TOPSTEP_TRADING_WINDOW must be HH:MM-HH:MM'],
    [{ FTMO_TIMEZONE: 'Europe/Atlantis' }, 'FTMO_TIMEZONE must be an IANA time zone'],
    [{ TRADING_DAY_ROLLOVER: '5pm' }, 'TRADING_DAY_ROLLOVER'],
    [{ TRADING_DAY_TIMEZONE: 'Nowhere/Else' }, 'TRADING_DAY_TIMEZONE'],
  ])('refuses to start with %j, naming the variable', async (env, message) => {
    const cleared = {
      APEX_MAX_RISK_PERCENT: undefined,
      TOPSTEP_TRADING_WINDOW: undefined,
      FTMO_TIMEZONE: undefined,
      TRADING_DAY_ROLLOVER: undefined,
      TRADING_DAY_TIMEZONE: undefined,
    };
    await expect(startTestApp({ db, env: { ...cleared, ...env } })).rejects.toThrow(message);
  });
});
