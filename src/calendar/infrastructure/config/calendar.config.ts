import { ConfigType, registerAs } from '@nestjs/config';
import { IsInt, IsOptional, IsString, Matches, ValidateIf, Min } from 'class-validator';
import { ConfigError } from '../../../platform/config/config.error';
import { validateEnv } from '../../../platform/config/validate-env';

/** Calendar settings, validated at start-up: a bad value stops the process with the variable's name. */
export class CalendarEnv {
  /** An http(s) URL serving a CSV or ICS calendar, imported every CALENDAR_SYNC_INTERVAL_MS. Unset: off. */
  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\/\S+$/, { message: 'CALENDAR_SYNC_URL must be an http(s) URL' })
  CALENDAR_SYNC_URL?: string;

  /** 0 = no scheduled import. */
  @IsInt()
  @ValidateIf((e: CalendarEnv) => e.CALENDAR_SYNC_INTERVAL_MS !== 0)
  @Min(60_000, { message: 'CALENDAR_SYNC_INTERVAL_MS must be 0 (off) or at least 60000' })
  CALENDAR_SYNC_INTERVAL_MS: number = 0;
}

export function loadCalendarEnv(env: Record<string, unknown>): CalendarEnv {
  const parsed = validateEnv(CalendarEnv, env);
  if (parsed.CALENDAR_SYNC_URL === '') parsed.CALENDAR_SYNC_URL = undefined;
  if (parsed.CALENDAR_SYNC_INTERVAL_MS > 0 && !parsed.CALENDAR_SYNC_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  CALENDAR_SYNC_INTERVAL_MS is set but CALENDAR_SYNC_URL is not: nothing to import from',
    );
  }
  return parsed;
}

export const calendarConfig = registerAs('calendar', () => loadCalendarEnv(process.env));
export type CalendarConfig = ConfigType<typeof calendarConfig>;
