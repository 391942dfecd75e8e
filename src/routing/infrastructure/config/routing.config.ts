import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { parseAddressList } from '../../../platform/config/address-list';
import { ConfigError } from '../../../platform/config/config.error';
import { parseBool, validateEnv } from '../../../platform/config/validate-env';
import type { RoutingSettings } from '../../application/routing-settings';
import { DEFAULT_DEDUPE_WINDOW_S, MAX_DEDUPE_WINDOW_S } from '../../domain/alert-dedupe';

// An unrecognised value is kept as text, so that @IsBoolean names the variable.
const bool = (fallback: boolean) =>
  Transform(({ obj, key }) => {
    // the raw text: `value` has already been through implicit conversion (Boolean('false') === true)
    const value: unknown = (obj as Record<string, unknown>)[key];
    if (value === undefined || value === '') return fallback;
    const parsed: boolean | undefined = parseBool(value, undefined as unknown as boolean);
    return parsed ?? value;
  });

/** Webhook intake and router loop settings. */
export class RoutingEnv {
  @IsOptional() @IsString() WEBHOOK_SECRET?: string;
  @IsOptional() @IsString() WEBHOOK_ALLOWED_IPS?: string;
  @bool(true) @IsBoolean() EXECUTION_DRY_RUN: boolean = true;
  @bool(true) @IsBoolean() ROUTER_ENABLED: boolean = true;
  @IsInt() @Min(50) @Max(3_600_000) ROUTER_POLL_INTERVAL_MS: number = 2000;
  @IsInt() @Min(1) @Max(1000) ROUTER_BATCH_SIZE: number = 20;
  @IsInt() @Min(1) @Max(100) ROUTER_MAX_ATTEMPTS: number = 5;
  @IsInt() @Min(1000) @Max(3_600_000) ROUTER_LEASE_MS: number = 30_000;
  @bool(true) @IsBoolean() ROUTER_NOTIFY: boolean = true;
  @bool(true) @IsBoolean() ROUTER_HANDOFF: boolean = true;
  @IsOptional() @IsString() @MaxLength(100) ROUTER_ID?: string;
  @IsInt() @Min(1) @Max(50) ORDER_RETRY_MAX_ATTEMPTS: number = 5;
  @IsInt() @Min(10) @Max(3_600_000) ORDER_RETRY_BASE_DELAY_MS: number = 2000;
  @IsInt() @Min(10) @Max(3_600_000) ORDER_RETRY_MAX_DELAY_MS: number = 60_000;
  @IsInt() @Min(10) @Max(3_600_000) ORDER_RETRY_POLL_MS: number = 1000;
  @IsInt() @Min(1000) @Max(3_600_000) ORDER_RETRY_LEASE_MS: number = 120_000;
  @bool(true) @IsBoolean() PROTECT_ENABLED: boolean = true;
  @IsInt() @Min(0) @Max(60_000) PROTECT_TIMEOUT_MS: number = 3000;
  @IsInt() @Min(500) @Max(600_000) ORDER_SEND_WINDOW_MS: number = 30_000;
  @IsInt() @Min(1) @Max(MAX_DEDUPE_WINDOW_S) ALERT_DEDUPE_WINDOW_S: number = DEFAULT_DEDUPE_WINDOW_S;
}

const MIN_SECRET_LENGTH = 8;

export function readRoutingSettings(env: Record<string, string | undefined>): RoutingSettings {
  const e = validateEnv(RoutingEnv, env);
  const webhookSecrets = splitList(e.WEBHOOK_SECRET);
  if (webhookSecrets.some((s) => s.length < MIN_SECRET_LENGTH)) {
    throw new ConfigError(`WEBHOOK_SECRET: every secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  return {
    webhookSecrets,
    allowedSenders: e.WEBHOOK_ALLOWED_IPS?.trim()
      ? parseAddressList('WEBHOOK_ALLOWED_IPS', e.WEBHOOK_ALLOWED_IPS).list
      : null,
    dryRun: e.EXECUTION_DRY_RUN,
    routerEnabled: e.ROUTER_ENABLED,
    pollIntervalMs: e.ROUTER_POLL_INTERVAL_MS,
    batchSize: e.ROUTER_BATCH_SIZE,
    maxAttempts: e.ROUTER_MAX_ATTEMPTS,
    leaseMs: e.ROUTER_LEASE_MS,
    notify: e.ROUTER_NOTIFY,
    handoff: e.ROUTER_HANDOFF,
    // hostname:pid names the process; the suffix tells apart two instances in one process (tests)
    routerId: e.ROUTER_ID?.trim() || `${hostname()}:${process.pid}:${randomBytes(2).toString('hex')}`,
    orderRetry: {
      maxAttempts: e.ORDER_RETRY_MAX_ATTEMPTS,
      baseDelayMs: e.ORDER_RETRY_BASE_DELAY_MS,
      maxDelayMs: e.ORDER_RETRY_MAX_DELAY_MS,
      pollIntervalMs: e.ORDER_RETRY_POLL_MS,
      leaseMs: e.ORDER_RETRY_LEASE_MS,
    },
    protectEnabled: e.PROTECT_ENABLED,
    protectTimeoutMs: e.PROTECT_TIMEOUT_MS,
    orderSendWindowMs: e.ORDER_SEND_WINDOW_MS,
    dedupeWindowS: e.ALERT_DEDUPE_WINDOW_S,
  };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export const routingConfig = registerAs('routing', () => readRoutingSettings(process.env));
