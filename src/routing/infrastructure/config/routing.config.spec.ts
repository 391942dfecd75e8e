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

describe('PROTECT_ENABLED and PROTECT_TIMEOUT_MS', () => {
  it('protects by default; PROTECT_ENABLED=false turns it off', () => {
    expect(readRoutingSettings({}).protectEnabled).toBe(true);
    expect(readRoutingSettings({ PROTECT_ENABLED: 'false' }).protectEnabled).toBe(false);
    expect(() => readRoutingSettings({ PROTECT_ENABLED: 'maybe' })).toThrow(/PROTECT_ENABLED/);
  });

  it('defaults to 3000 and reads 0 (act on the first read) up to 60000', () => {
    expect(readRoutingSettings({}).protectTimeoutMs).toBe(3000);
    expect(readRoutingSettings({ PROTECT_TIMEOUT_MS: '0' }).protectTimeoutMs).toBe(0);
    expect(readRoutingSettings({ PROTECT_TIMEOUT_MS: '60000' }).protectTimeoutMs).toBe(60_000);
  });

  it('names the variable for a value out of range or not a whole number', () => {
    expect(() => readRoutingSettings({ PROTECT_TIMEOUT_MS: '60001' })).toThrow(/PROTECT_TIMEOUT_MS/);
    expect(() => readRoutingSettings({ PROTECT_TIMEOUT_MS: '-1' })).toThrow(/PROTECT_TIMEOUT_MS/);
    expect(() => readRoutingSettings({ PROTECT_TIMEOUT_MS: '2.5' })).toThrow(/PROTECT_TIMEOUT_MS/);
  });
});

describe('ALERT_DEDUPE_WINDOW_S', () => {
  it('defaults to 60 s and reads 1 up to 86400', () => {
    expect(readRoutingSettings({}).dedupeWindowS).toBe(60);
    expect(readRoutingSettings({ ALERT_DEDUPE_WINDOW_S: '1' }).dedupeWindowS).toBe(1);
    expect(readRoutingSettings({ ALERT_DEDUPE_WINDOW_S: '86400' }).dedupeWindowS).toBe(86_400);
  });

  it('names the variable for 0, a day and a second, a fraction or text', () => {
    for (const bad of ['0', '86401', '1.5', 'abc', '-5'])
      expect(() => readRoutingSettings({ ALERT_DEDUPE_WINDOW_S: bad })).toThrow(/ALERT_DEDUPE_WINDOW_S/);
  });
});
