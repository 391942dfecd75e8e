import { ConfigType, registerAs } from '@nestjs/config';
import { IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { ConfigError } from '../../../platform/config/config.error';
import { validateEnv } from '../../../platform/config/validate-env';

/** Registry settings, validated at start-up: a bad value stops the process with the variable's name. */
export class RegistryEnv {
  /** A file path, or an http(s) URL serving the JSON catalogue format. Unset: sync is off. */
  @IsOptional()
  @IsString()
  @Matches(/^(https?:\/\/|[^:]*$|[A-Za-z]:[\\/])/, {
    message: 'REGISTRY_SYNC_SOURCE must be a file path or an http(s) URL',
  })
  REGISTRY_SYNC_SOURCE?: string;

  /** 0 = no scheduled sync. */
  @IsInt()
  @ValidateIf((e: RegistryEnv) => e.REGISTRY_SYNC_INTERVAL_MS !== 0)
  @Min(1000, { message: 'REGISTRY_SYNC_INTERVAL_MS must be 0 (off) or at least 1000' })
  REGISTRY_SYNC_INTERVAL_MS: number = 0;

  @IsInt() @Min(100) @Max(300_000) REGISTRY_SYNC_TIMEOUT_MS: number = 10_000;

  /** How long this process may serve firms/programs to other contexts from memory (its own writes clear it). */
  @IsInt() @Min(0) @Max(2000) REGISTRY_CACHE_TTL_MS: number = 2000;
}

export function loadRegistryEnv(env: Record<string, unknown>): RegistryEnv {
  const parsed = validateEnv(RegistryEnv, env);
  if (parsed.REGISTRY_SYNC_SOURCE === '') parsed.REGISTRY_SYNC_SOURCE = undefined;
  if (parsed.REGISTRY_SYNC_INTERVAL_MS > 0 && !parsed.REGISTRY_SYNC_SOURCE) {
    throw new ConfigError(
      'Invalid configuration:\n  REGISTRY_SYNC_INTERVAL_MS is set but REGISTRY_SYNC_SOURCE is not: nothing to sync from',
    );
  }
  return parsed;
}

export const registryConfig = registerAs('registry', () => loadRegistryEnv(process.env));
export type RegistryConfig = ConfigType<typeof registryConfig>;
