import { ConfigError } from '../../../platform/config/config.error';
import { FirmEnvReader } from '../../../platform/config/firm-env.reader';
import { validateEnv } from '../../../platform/config/validate-env';
import { FirmRiskConfigReader } from '../../application/firm-risk-config.reader';
import { RiskEnv, riskSyncSettings } from './risk.config';

/**
 * The risk context's start-up checks, as RiskModule runs them: every per-firm variable (FirmRiskConfigReader
 * .validateAll) and the global trading-day settings (riskConfig = validateEnv(RiskEnv, process.env)). That a
 * ConfigError stops the built process with exit 1 is shown once, by test/risk/risk-config.e2e-spec.ts.
 */
function startUpChecks(env: Record<string, string>): void {
  new FirmRiskConfigReader(new FirmEnvReader(env), (symbol) => symbol.toUpperCase()).validateAll();
  validateEnv(RiskEnv, env);
}

describe('risk configuration at start-up', () => {
  it('accepts valid risk settings', () => {
    expect(() =>
      startUpChecks({
        APEX_MAX_RISK_PERCENT: '0.01',
        TOPSTEP_TRADING_WINDOW: '18:00-16:59',
        FTMO_TIMEZONE: 'Europe/Prague',
        TRADING_DAY_ROLLOVER: '17:00',
        TRADING_DAY_TIMEZONE: 'America/New_York',
        SYNC_STALE_MS: '15000',
      }),
    ).not.toThrow();
  });

  it('reads SYNC_STALE_MS, 10 s when unset', () => {
    expect(riskSyncSettings(validateEnv(RiskEnv, {}))).toEqual({ staleAfterMs: 10_000 });
    expect(riskSyncSettings(validateEnv(RiskEnv, { SYNC_STALE_MS: '2500' }))).toEqual({ staleAfterMs: 2500 });
  });

  it.each([
    [{ APEX_MAX_RISK_PERCENT: 'one percent' }, 'APEX_MAX_RISK_PERCENT must be a number'],
    [{ TOPSTEP_TRADING_WINDOW: '18:00 to 16:59' }, 'TOPSTEP_TRADING_WINDOW must be HH:MM-HH:MM'],
    [{ FTMO_TIMEZONE: 'Europe/Atlantis' }, 'FTMO_TIMEZONE must be an IANA time zone'],
    [{ TRADING_DAY_ROLLOVER: '5pm' }, 'TRADING_DAY_ROLLOVER'],
    [{ TRADING_DAY_TIMEZONE: 'Nowhere/Else' }, 'TRADING_DAY_TIMEZONE'],
    [{ SYNC_STALE_MS: 'ten seconds' }, 'SYNC_STALE_MS must be a whole number of milliseconds'],
    [{ SYNC_STALE_MS: '0' }, 'SYNC_STALE_MS'],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => startUpChecks(env)).toThrow(ConfigError);
    expect(() => startUpChecks(env)).toThrow(message);
  });
});
