import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IANAZone } from 'luxon';
import { ConfigError } from '../../../platform/config/config.error';
import { parseBool, validateEnv } from '../../../platform/config/validate-env';
import type { NotifySettings } from '../../application/notify-settings';

const HOURS = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_LIST =
  /^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$/;

/** Notification settings (issue 18). */
export class NotifyEnv {
  @Transform(({ obj }) => parseBool((obj as Record<string, unknown>).NOTIFY_ENABLED, true))
  @IsBoolean()
  NOTIFY_ENABLED: boolean = true;
  @IsInt() @Min(10) @Max(60_000) NOTIFY_POLL_MS: number = 1000;
  @IsInt() @Min(1) @Max(500) NOTIFY_BATCH_SIZE: number = 50;
  @IsInt() @Min(1000) @Max(600_000) NOTIFY_LEASE_MS: number = 60_000;
  @IsInt() @Min(100) @Max(60_000) NOTIFY_SEND_TIMEOUT_MS: number = 10_000;
  @IsInt() @Min(1) @Max(50) NOTIFY_MAX_ATTEMPTS: number = 8;
  @IsInt() @Min(10) @Max(3_600_000) NOTIFY_RETRY_BASE_MS: number = 2000;
  @IsInt() @Min(10) @Max(86_400_000) NOTIFY_RETRY_MAX_MS: number = 300_000;
  @IsInt() @Min(1) @Max(1000) NOTIFY_FAILING_AFTER: number = 3;
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+[^\s?#]*$/i, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL?: string;
  @IsInt() @Min(0) @Max(1440) NOTIFY_HEARTBEAT_MINUTES: number = 0;
  @IsInt() @Min(0) @Max(100) NOTIFY_LIMIT_THRESHOLD_PERCENT: number = 80;
  @IsInt() @Min(1000) @Max(3_600_000) NOTIFY_LIMIT_CHECK_MS: number = 10_000;
  @Matches(HOURS, { message: 'NOTIFY_SESSION_HOURS must be HH:MM-HH:MM, e.g. 09:30-16:00' })
  NOTIFY_SESSION_HOURS: string = '09:30-16:00';
  @Matches(DAY_LIST, { message: 'NOTIFY_SESSION_DAYS must be days like mon-fri or mon,wed,fri' })
  NOTIFY_SESSION_DAYS: string = 'mon-fri';
  @IsOptional() @IsString() NOTIFY_SESSION_TIMEZONE?: string;
  @IsOptional() @IsString() TRADING_DAY_TIMEZONE?: string;
}

/** "mon-fri,sun" → [1, 2, 3, 4, 5, 7] (luxon's weekdays). */
export function parseDays(text: string): number[] {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to = from] = part.split('-').map((d) => DAYS.indexOf(d) + 1);
    for (let d = from; ; d = (d % 7) + 1) {
      days.add(d);
      if (d === to) break;
    }
  }
  return [...days].sort();
}

export function readNotifySettings(env: Record<string, string | undefined>): NotifySettings {
  const e = validateEnv(NotifyEnv, env);
  const timeZone = e.NOTIFY_SESSION_TIMEZONE || e.TRADING_DAY_TIMEZONE || 'America/New_York';
  if (!IANAZone.isValidZone(timeZone))
    throw new ConfigError(
      `Invalid configuration:\n  NOTIFY_SESSION_TIMEZONE (${JSON.stringify(timeZone)}): not a time zone`,
    );
  // each send starts on a lease of its own: one still in flight when its lease ends could be sent again
  if (e.NOTIFY_LEASE_MS < 2 * e.NOTIFY_SEND_TIMEOUT_MS)
    throw new ConfigError(
      `Invalid configuration:\n  NOTIFY_LEASE_MS (${e.NOTIFY_LEASE_MS}): must be at least twice NOTIFY_SEND_TIMEOUT_MS (${e.NOTIFY_SEND_TIMEOUT_MS}), so that a send ends inside its lease`,
    );
  const [start, end] = e.NOTIFY_SESSION_HOURS.split('-');
  return {
    enabled: e.NOTIFY_ENABLED,
    pollMs: e.NOTIFY_POLL_MS,
    batchSize: e.NOTIFY_BATCH_SIZE,
    leaseMs: e.NOTIFY_LEASE_MS,
    sendTimeoutMs: e.NOTIFY_SEND_TIMEOUT_MS,
    retry: {
      maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
      baseMs: e.NOTIFY_RETRY_BASE_MS,
      maxMs: e.NOTIFY_RETRY_MAX_MS,
    },
    failingAfter: e.NOTIFY_FAILING_AFTER,
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') : null,
    heartbeatMinutes: e.NOTIFY_HEARTBEAT_MINUTES,
    limitThresholdPercent: e.NOTIFY_LIMIT_THRESHOLD_PERCENT,
    limitCheckMs: e.NOTIFY_LIMIT_CHECK_MS,
    session: { start, end, days: parseDays(e.NOTIFY_SESSION_DAYS), timeZone },
    holderId: `${hostname()}:${process.pid}:${randomBytes(2).toString('hex')}`,
  };
}

export const notifyConfig = registerAs('notify', () => readNotifySettings(process.env));
