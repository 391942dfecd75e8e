import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Matches, Max, Min } from 'class-validator';
import Decimal from 'decimal.js';
import { ConfigError } from '../../../platform/config/config.error';
import { parseBool, validateEnv } from '../../../platform/config/validate-env';
import type { GuardSettings } from '../../application/guard-settings';

/** The guard after the trade (issue 16). */
export class GuardEnv {
  @Transform(({ obj }) => parseBool((obj as Record<string, unknown>).GUARD_ENABLED, true))
  @IsBoolean()
  GUARD_ENABLED: boolean = true;
  // a fraction 0 to 0.9 with at most 4 places, as the account's own guard_buffer
  @Matches(/^(0(\.\d{1,4})?|0?\.\d{1,4})$/, {
    message: 'GUARD_BUFFER must be a fraction of the limit from 0 to 0.9, e.g. 0.1 for 10 %',
  })
  GUARD_BUFFER: string = '0.1';
  @IsInt() @Min(100) @Max(600_000) GUARD_SWEEP_MS: number = 5000;
  @IsInt() @Min(1000) @Max(600_000) GUARD_LEASE_MS: number = 30_000;
  @IsInt() @Min(100) @Max(600_000) GUARD_RETRY_MS: number = 5000;
  @IsInt() @Min(100) @Max(60_000) FLAT_BY_WATCH_MS: number = 5000;
}

export function readGuardSettings(env: Record<string, string | undefined>): GuardSettings {
  const e = validateEnv(GuardEnv, { ...env, GUARD_BUFFER: env.GUARD_BUFFER?.trim() || undefined });
  const buffer = new Decimal(e.GUARD_BUFFER);
  if (buffer.gt('0.9'))
    throw new ConfigError(
      `Invalid configuration:\n  GUARD_BUFFER (${JSON.stringify(e.GUARD_BUFFER)}): must be at most 0.9`,
    );
  return {
    enabled: e.GUARD_ENABLED,
    defaultBuffer: buffer,
    sweepMs: e.GUARD_SWEEP_MS,
    leaseMs: e.GUARD_LEASE_MS,
    retryMs: e.GUARD_RETRY_MS,
    flatByWatchMs: e.FLAT_BY_WATCH_MS,
    holderId: `${hostname()}:${process.pid}:${randomBytes(2).toString('hex')}`,
  };
}

export const guardConfig = registerAs('guard', () => readGuardSettings(process.env));
