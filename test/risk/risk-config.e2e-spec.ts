import { startServiceProcess } from '../support/service-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The built service, as a trader starts it: a malformed risk variable stops the process (exit 1) with a
 * message naming the variable. Only a process shows the exit; which values are refused, and with which
 * message, is checked by the unit spec beside the config (src/risk/infrastructure/config/risk.config.spec.ts).
 */
describe('risk configuration at start-up (e2e, built service)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('risk_config');
  });
  afterAll(() => db.drop());

  it('refuses to start with a malformed risk variable: exit 1, naming the variable', async () => {
    const attempt = startServiceProcess({
      DATABASE_URL: db.url,
      ROUTER_ENABLED: 'false',
      APEX_MAX_RISK_PERCENT: 'one percent',
    });
    await expect(attempt).rejects.toThrow(/service exited \(1\) before it was ready/);
    await expect(attempt).rejects.toThrow('APEX_MAX_RISK_PERCENT must be a number');
  });
});
