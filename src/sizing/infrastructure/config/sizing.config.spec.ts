import { ConfigError } from '../../../platform/config/config.error';
import { validateEnv } from '../../../platform/config/validate-env';
import { SizingEnv } from './sizing.config';

describe('SizingEnv', () => {
  it('defaults SIZING_MAX_RISK_PERCENT to 0.05 when unset or blank', () => {
    expect(validateEnv(SizingEnv, {}).SIZING_MAX_RISK_PERCENT).toBe(0.05);
    expect(validateEnv(SizingEnv, { SIZING_MAX_RISK_PERCENT: ' ' }).SIZING_MAX_RISK_PERCENT).toBe(0.05);
  });

  it('reads a valid fraction', () => {
    expect(validateEnv(SizingEnv, { SIZING_MAX_RISK_PERCENT: '0.02' }).SIZING_MAX_RISK_PERCENT).toBe(0.02);
  });

  it.each([
    ['abc', 'SIZING_MAX_RISK_PERCENT must be a number'],
    ['0', 'SIZING_MAX_RISK_PERCENT must be greater than 0'],
    ['5', 'SIZING_MAX_RISK_PERCENT must be a fraction of at most 1'],
  ])('rejects %s with a ConfigError naming the variable', (value, message) => {
    expect(() => validateEnv(SizingEnv, { SIZING_MAX_RISK_PERCENT: value })).toThrow(ConfigError);
    expect(() => validateEnv(SizingEnv, { SIZING_MAX_RISK_PERCENT: value })).toThrow(message);
  });
});
