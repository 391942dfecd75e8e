import { AppEnv } from '../../../platform/config/app.config';
import { validateEnv } from '../../../platform/config/validate-env';
import { readRoutingSettings } from './routing.config';

describe('boolean settings read from the environment', () => {
  it.each(['false', '0', 'no', 'off', 'FALSE'])('EXECUTION_DRY_RUN=%s turns dry run off', (text) => {
    const s = readRoutingSettings({ EXECUTION_DRY_RUN: text, ROUTER_ENABLED: text, ROUTER_NOTIFY: text });
    expect(s).toMatchObject({ dryRun: false, routerEnabled: false, notify: false });
  });

  it.each(['true', '1', 'yes', 'on'])('EXECUTION_DRY_RUN=%s keeps dry run on', (text) => {
    expect(readRoutingSettings({ EXECUTION_DRY_RUN: text }).dryRun).toBe(true);
  });

  it('defaults to dry run, router on, NOTIFY on when unset or empty', () => {
    expect(readRoutingSettings({ EXECUTION_DRY_RUN: '' })).toMatchObject({
      dryRun: true,
      routerEnabled: true,
      notify: true,
    });
  });

  it('names an unrecognised value instead of guessing', () => {
    expect(() => readRoutingSettings({ EXECUTION_DRY_RUN: 'maybe' })).toThrow(/EXECUTION_DRY_RUN/);
  });

  it('reads LOG_REQUESTS the same way', () => {
    expect(validateEnv(AppEnv, { LOG_REQUESTS: 'false' })).toMatchObject({ LOG_REQUESTS: false });
    expect(validateEnv(AppEnv, { LOG_REQUESTS: 'true' })).toMatchObject({ LOG_REQUESTS: true });
  });
});
