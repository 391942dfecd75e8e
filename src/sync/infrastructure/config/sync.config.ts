import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { parseBool, validateEnv } from '../../../platform/config/validate-env';
import type { SyncSettings } from '../../application/sync-settings';

/** Platform sync settings (issue 14). */
export class SyncEnv {
  @Transform(({ obj }) => {
    const raw: unknown = (obj as Record<string, unknown>).SYNC_ENABLED;
    if (raw === undefined || raw === '') return true;
    return parseBool(raw, undefined as unknown as boolean) ?? raw;
  })
  @IsBoolean()
  SYNC_ENABLED: boolean = true;
  @IsInt() @Min(100) @Max(3_600_000) SYNC_POLL_INTERVAL_MS: number = 2000;
  @IsInt() @Min(1000) @Max(3_600_000) SYNC_LEASE_MS: number = 8000;
  @IsInt() @Min(100) @Max(86_400_000) RECONCILE_INTERVAL_MS: number = 30_000;
  @IsInt() @Min(0) @Max(600_000) RECONCILE_SETTLE_MS: number = 5000;
}

export function readSyncSettings(env: Record<string, string | undefined>): SyncSettings {
  const e = validateEnv(SyncEnv, env);
  return {
    enabled: e.SYNC_ENABLED,
    pollIntervalMs: e.SYNC_POLL_INTERVAL_MS,
    leaseMs: Math.max(e.SYNC_LEASE_MS, e.SYNC_POLL_INTERVAL_MS * 2),
    reconcileIntervalMs: e.RECONCILE_INTERVAL_MS,
    reconcileSettleMs: e.RECONCILE_SETTLE_MS,
    holderId: `${hostname()}:${process.pid}:${randomBytes(2).toString('hex')}`,
  };
}

export const syncConfig = registerAs('sync', () => readSyncSettings(process.env));
