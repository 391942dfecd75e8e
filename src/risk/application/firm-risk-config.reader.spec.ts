import { ConfigError } from '../../platform/config/config.error';
import { FirmEnvReader } from '../../platform/config/firm-env.reader';
import { FirmRiskConfigReader } from './firm-risk-config.reader';

const ROOTS: Record<string, string> = { NQ1: 'NQ', 'NQ1!': 'NQ', ES: 'ES', MNQ: 'MNQ', NQ: 'NQ' };
const normalize = (s: string) => ROOTS[s.toUpperCase()] ?? null;
const reader = (env: Record<string, string>) => new FirmRiskConfigReader(new FirmEnvReader(env), normalize);

describe('FirmRiskConfigReader', () => {
  it('reads every per-firm risk variable', () => {
    const rules = reader({
      APEX_ENABLED: 'true',
      APEX_MAX_POSITION_SIZE: '10',
      APEX_MAX_RISK_PERCENT: '0.02',
      APEX_MAX_DAILY_LOSS: '1250.50',
      APEX_TRADING_WINDOW: '18:00-16:59',
      APEX_TIMEZONE: 'America/Chicago',
      APEX_SUPPORTED_SYMBOLS: 'NQ1!, es ,MNQ,EURUSD',
    }).rulesFor('apex');
    expect({
      ...rules,
      maxRiskPercent: rules.maxRiskPercent?.toString(),
      maxDailyLoss: rules.maxDailyLoss?.toString(),
    }).toEqual({
      enabled: true,
      maxPositionSize: 10,
      maxRiskPercent: '0.02',
      maxDailyLoss: '1250.5',
      tradingWindow: { text: '18:00-16:59', startMinute: 1080, endMinute: 1019 },
      timezone: 'America/Chicago',
      supportedSymbols: ['NQ', 'ES', 'MNQ', 'EURUSD'],
    });
  });

  it('defaults to disabled, no limits, New York time', () => {
    expect(reader({}).rulesFor('FTMO')).toEqual({
      enabled: false,
      maxPositionSize: null,
      maxRiskPercent: null,
      maxDailyLoss: null,
      tradingWindow: null,
      timezone: 'America/New_York',
      supportedSymbols: null,
    });
  });

  it('reads each firm once and serves it from the cache', () => {
    const env: Record<string, string> = { APEX_ENABLED: 'true' };
    const r = reader(env);
    expect(r.rulesFor('APEX').enabled).toBe(true);
    env.APEX_ENABLED = 'false';
    expect(r.rulesFor('apex').enabled).toBe(true);
  });

  it.each([
    ['APEX_ENABLED', 'maybe', 'APEX_ENABLED must be true or false'],
    ['APEX_MAX_POSITION_SIZE', '2.5', 'APEX_MAX_POSITION_SIZE must be an integer'],
    ['APEX_MAX_POSITION_SIZE', '0', 'APEX_MAX_POSITION_SIZE must be >= 1'],
    ['APEX_MAX_RISK_PERCENT', '1%', 'APEX_MAX_RISK_PERCENT must be a number'],
    ['APEX_MAX_RISK_PERCENT', '2', 'APEX_MAX_RISK_PERCENT must be a fraction up to 1'],
    ['APEX_MAX_RISK_PERCENT', '0', 'APEX_MAX_RISK_PERCENT must be greater than 0'],
    ['APEX_MAX_DAILY_LOSS', '-5', 'APEX_MAX_DAILY_LOSS must be greater than 0'],
    ['APEX_TRADING_WINDOW', '6pm-5pm', 'APEX_TRADING_WINDOW must be HH:MM-HH:MM'],
    ['APEX_TIMEZONE', 'Mars/Olympus', 'APEX_TIMEZONE must be an IANA time zone'],
    ['APEX_SUPPORTED_SYMBOLS', ' , ', 'APEX_SUPPORTED_SYMBOLS must list at least one symbol'],
  ])('validateAll stops start-up on %s=%s, naming the variable', (name, value, message) => {
    const r = reader({ [name]: value });
    expect(() => r.validateAll()).toThrow(ConfigError);
    expect(() => r.validateAll()).toThrow(message);
  });

  it('validateAll leaves the sizing context’s per-program variables alone', () => {
    expect(() => reader({ FTMO_1_MAX_RISK_PERCENT: 'not-mine-to-judge' }).validateAll()).not.toThrow();
  });

  it('validateAll accepts a well-formed configuration', () => {
    expect(() =>
      reader({
        APEX_ENABLED: 'yes',
        TOPSTEP_TRADING_WINDOW: '09:30-16:00',
        TOPSTEP_TIMEZONE: 'Europe/Prague',
      }).validateAll(),
    ).not.toThrow();
  });
});
