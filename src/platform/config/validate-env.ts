import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ConfigError } from './config.error';

/**
 * Validates `env` against a class-validator class and returns the typed instance.
 * Every problem is listed with the variable's name, so a bad deployment fails at start-up, loudly.
 */
export function validateEnv<T extends object>(cls: new () => T, env: Record<string, unknown>): T {
  const instance = plainToInstance(cls, env, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(instance, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const given = env[e.property];
      const shown = given === undefined ? 'unset' : JSON.stringify(given);
      return `  ${e.property} (${shown}): ${Object.values(e.constraints ?? {}).join('; ')}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return instance;
}

/** Parses a boolean env value the way the seeds do ("1", "true", "yes", "on"). */
export function parseBool(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  const v = String(value).trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return fallback;
}
