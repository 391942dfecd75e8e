import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { ConfigError } from './config.error';
import { parseBool, validateEnv } from './validate-env';
import { IsNfcNormalized } from '../input/input.decorators';

const bool = (fallback: boolean) =>
  Transform(({ obj, key }) => {
    // the raw text: `value` has already been through implicit conversion (Boolean('false') === true)
    const value: unknown = (obj as Record<string, unknown>)[key];
    if (value === undefined || value === '') return fallback;
    const parsed = parseBool(value, Symbol.for('invalid') as unknown as boolean);
    return typeof parsed === 'boolean' ? parsed : value;
  });

/**
 * Cross-cutting settings: HTTP, database, auth, logging, shutdown. Each context validates its own namespace;
 * the HTTP server's limits and TRUST_PROXY are in http.config.ts.
 */
export class AppEnv {
  @IsOptional() @IsIn(['development', 'production', 'test']) NODE_ENV?: string;
  @IsInt() @Min(0) @Max(65535) PORT: number = 3000;
  @IsString() HOST: string = '127.0.0.1';
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;
  @IsString() PROPROUTER_DATA_DIR: string = './.data';
  @IsInt() @Min(1) @Max(200) DB_POOL_SIZE: number = 20;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL: string = 'info';
  @bool(false) @IsBoolean() LOG_REQUESTS: boolean = false;
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;
  @IsInt() @Min(60) JWT_EXPIRES_IN_S: number = 3600;
  @IsOptional() @IsNfcNormalized() @IsString() @MinLength(3) ADMIN_USERNAME?: string;
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'ADMIN_PASSWORD must be at least 8 characters' })
  ADMIN_PASSWORD?: string;
  @IsInt() @Min(1024) BODY_LIMIT_BYTES: number = 1_048_576;
  /** Requests per client IP and window: every route but login and the webhooks (each has its own budget). */
  @bool(true) @IsBoolean() RATE_LIMIT_ENABLED: boolean = true;
  @IsInt() @Min(1) @Max(86_400) RATE_LIMIT_WINDOW_S: number = 60;
  @IsInt() @Min(1) RATE_LIMIT_MAX: number = 20_000;
  /** High by default: the tests and the benchmark send thousands of signals a second from 127.0.0.1. */
  @IsInt() @Min(1) RATE_LIMIT_WEBHOOK_MAX: number = 600_000;
  @IsInt() @Min(1) RATE_LIMIT_LOGIN_MAX: number = 30;
  /** Progressive lockout: after this many failed logins for one username, or from one client IP. */
  @IsInt() @Min(1) @Max(1000) LOGIN_LOCKOUT_AFTER: number = 5;
  @IsInt() @Min(1) @Max(100_000) LOGIN_LOCKOUT_CLIENT_AFTER: number = 20;
  @IsInt() @Min(1) @Max(3600) LOGIN_LOCKOUT_BASE_S: number = 1;
  @IsInt() @Min(1) @Max(86_400) LOGIN_LOCKOUT_MAX_S: number = 900;
  @IsInt() @Min(1000) @Max(600_000) SHUTDOWN_TIMEOUT_MS: number = 8000;
  /**
   * Encrypts the platform credentials at rest (AES-256-GCM): 32 bytes, base64. Unset: one is generated once
   * and kept (0600) in PROPROUTER_DATA_DIR/master-key. Checked by `checkMasterKey` (never echoed).
   */
  @IsOptional() @IsString() PROPROUTER_MASTER_KEY?: string;
}

export const MASTER_KEY_VAR = 'PROPROUTER_MASTER_KEY';

/**
 * A master key's text as bytes: 32 bytes in base64 (standard or URL-safe alphabet). A malformed one throws a
 * ConfigError naming `name`, never the value.
 */
export function parseMasterKey(text: string, name = MASTER_KEY_VAR): Buffer {
  const trimmed = text.trim();
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (key.length !== 32)
    throw new ConfigError(
      `${name} must be 32 bytes, base64-encoded (44 characters, e.g. from \`openssl rand -base64 32\`); ` +
        `the value given is not (${key.length === 0 ? 'not base64' : `${key.length} bytes`}; not shown)`,
    );
  return key;
}

/** Start-up check of the master key, before the generic validation (whose messages echo values). */
function checkMasterKey(env: NodeJS.ProcessEnv): void {
  const value = env[MASTER_KEY_VAR];
  if (value !== undefined && value.trim() !== '') parseMasterKey(value);
}

export const appConfig = registerAs('app', () => {
  checkMasterKey(process.env);
  return validateEnv(AppEnv, process.env);
});
export type AppConfig = AppEnv;
