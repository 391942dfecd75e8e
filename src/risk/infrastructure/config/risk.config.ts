import { registerAs } from '@nestjs/config';
import { IsInt, IsTimeZone, Matches, Max, Min } from 'class-validator';
import type { RiskSyncSettings } from '../../application/risk-sync-settings';
import { validateEnv } from '../../../platform/config/validate-env';
import { parseTimeOfDay } from '../../domain/trading-window';
import type { TradingDayPolicy } from '../../domain/trading-day';

/**
 * Global risk settings: when the trading day rolls over (today's P&L resets, end-of-day marks are taken), and
 * how long a platform-synced state stays trusted.
 */
export class RiskEnv {
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, {
    message: 'TRADING_DAY_ROLLOVER must be HH:MM (24-hour), e.g. 17:00',
  })
  TRADING_DAY_ROLLOVER: string = '17:00';

  @IsTimeZone({ message: 'TRADING_DAY_TIMEZONE must be an IANA time zone, e.g. America/New_York' })
  TRADING_DAY_TIMEZONE: string = 'America/New_York';

  /** A platform-synced account state not confirmed for longer than this stops new entries (ACCOUNT_STATE_STALE). */
  @IsInt({ message: 'SYNC_STALE_MS must be a whole number of milliseconds' })
  @Min(100)
  @Max(86_400_000)
  SYNC_STALE_MS: number = 10_000;
}

export const riskConfig = registerAs('risk', () => validateEnv(RiskEnv, process.env));

export function tradingDayPolicy(env: RiskEnv): TradingDayPolicy {
  return {
    rolloverMinute: parseTimeOfDay(env.TRADING_DAY_ROLLOVER) as number,
    zone: env.TRADING_DAY_TIMEZONE,
  };
}

export function riskSyncSettings(env: RiskEnv): RiskSyncSettings {
  return { staleAfterMs: env.SYNC_STALE_MS };
}
