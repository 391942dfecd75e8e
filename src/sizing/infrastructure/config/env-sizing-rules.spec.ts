import { ConfigError } from '../../../platform/config/config.error';
import { EnvSource, FirmEnvReader } from '../../../platform/config/firm-env.reader';
import { EnvSizingRules } from './env-sizing-rules';

function rules(env: EnvSource, maxRisk = 0.05): EnvSizingRules {
  const source = new EnvSizingRules(new FirmEnvReader(env), { SIZING_MAX_RISK_PERCENT: maxRisk });
  source.onModuleInit();
  return source;
}

describe('EnvSizingRules', () => {
  it("reads the seed's four variables per firm × program", () => {
    const source = rules({
      FTMO_1_MAX_CONTRACTS: '5',
      FTMO_1_MIN_CONTRACTS: '1',
      FTMO_1_MAX_RISK_PERCENT: '0.02',
      FTMO_1_POINT_VALUE: '2.0',
      APEX_2_MAX_CONTRACTS: '10',
    });
    const ftmo = source.forProgram('FTMO', 1);
    expect([
      ftmo.maxContracts,
      ftmo.minContracts,
      ftmo.maxRiskPercent?.toString(),
      ftmo.pointValue?.toString(),
    ]).toEqual([5, 1, '0.02', '2']);
    expect(source.forProgram('APEX', 2)).toEqual({ maxContracts: 10 });
  });

  it('treats a missing or blank variable as "rule off", and matches the firm code case-insensitively', () => {
    const source = rules({ APEX_4_MAX_CONTRACTS: '  ', APEX_4_MIN_CONTRACTS: '2' });
    expect(source.forProgram('apex', 4)).toEqual({ minContracts: 2 });
    expect(source.forProgram('APEX', 5)).toEqual({});
    expect(source.forProgram('FTMO', 4)).toEqual({});
  });

  it('keeps firm codes with underscores and ignores firm-level variables without a program id', () => {
    const source = rules({ MY_FIRM_12_MAX_CONTRACTS: '3', APEX_MAX_RISK_PERCENT: 'not a program rule' });
    expect(source.forProgram('MY_FIRM', 12)).toEqual({ maxContracts: 3 });
  });

  it.each([
    ['APEX_4_MAX_CONTRACTS', 'five', 'APEX_4_MAX_CONTRACTS must be an integer, got "five"'],
    ['APEX_4_MAX_CONTRACTS', '2.5', 'APEX_4_MAX_CONTRACTS must be an integer, got "2.5"'],
    ['APEX_4_MAX_CONTRACTS', '0', 'APEX_4_MAX_CONTRACTS must be >= 1, got 0'],
    ['APEX_4_MIN_CONTRACTS', '-1', 'APEX_4_MIN_CONTRACTS must be >= 0, got -1'],
    ['APEX_4_MAX_RISK_PERCENT', '1%', 'APEX_4_MAX_RISK_PERCENT must be a number, got "1%"'],
    ['APEX_4_MAX_RISK_PERCENT', '0', 'APEX_4_MAX_RISK_PERCENT must be greater than 0, got 0'],
    [
      'APEX_4_MAX_RISK_PERCENT',
      '2',
      'APEX_4_MAX_RISK_PERCENT must be a fraction of the account of at most 1 (0.02 = 2%), got 2',
    ],
    ['APEX_4_POINT_VALUE', '$20', 'APEX_4_POINT_VALUE must be a number, got "$20"'],
    ['APEX_4_POINT_VALUE', '-2', 'APEX_4_POINT_VALUE must be greater than 0, got -2'],
  ])('stops start-up on a malformed %s=%s with a ConfigError naming it', (name, value, message) => {
    const source = new EnvSizingRules(new FirmEnvReader({ FTMO_1_MAX_CONTRACTS: '5', [name]: value }), {
      SIZING_MAX_RISK_PERCENT: 0.05,
    });
    expect(() => source.onModuleInit()).toThrow(new ConfigError(message));
  });

  it('exposes the global risk cap as an exact decimal', () => {
    expect(rules({}, 0.03).globalMaxRiskPercent().toString()).toBe('0.03');
  });
});
