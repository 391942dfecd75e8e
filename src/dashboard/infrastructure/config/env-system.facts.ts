import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigEntry, SystemFacts } from '../../application/ports/system-facts.port';

/** Shown with their values: settings that say how the service runs and never hold a secret. */
const SHOWN = [
  'EXECUTION_DRY_RUN',
  'ROUTER_ENABLED',
  'ROUTER_POLL_INTERVAL_MS',
  'ROUTER_BATCH_SIZE',
  'ROUTER_MAX_ATTEMPTS',
  'ROUTER_LEASE_MS',
  'ROUTER_HANDOFF',
  'ROUTER_NOTIFY',
  'PROTECT_ENABLED',
  'SYNC_ENABLED',
  'SYNC_POLL_INTERVAL_MS',
  'SYNC_STALE_MS',
  'RECONCILE_INTERVAL_MS',
  'GUARD_ENABLED',
  'GUARD_BUFFER',
  'NOTIFY_ENABLED',
  'CONNECTOR_RATE_LIMITS',
  'RATE_LIMIT_ENABLED',
  'TRADING_DAY_ROLLOVER',
  'TRADING_DAY_TIMEZONE',
  'ACCOUNTS_CACHE_MS',
  'WEBHOOK_ALLOWED_IPS',
  'TRUST_PROXY',
  'DB_POOL_SIZE',
  'LOG_LEVEL',
  'EVENTS_HEARTBEAT_MS',
  'EVENTS_MAX_STREAMS',
];

/** Named with whether they are set, never with a value (DATABASE_URL may hold a password). */
const SECRET = ['WEBHOOK_SECRET', 'JWT_SECRET', 'PROPROUTER_MASTER_KEY', 'ADMIN_PASSWORD', 'DATABASE_URL'];

/**
 * The configuration summary from an allow-list: a variable is shown only when it is named in SHOWN, so a new
 * secret setting can never appear by accident. Read once, at start-up (the values a restart would change).
 */
@Injectable()
export class EnvSystemFacts extends SystemFacts {
  private readonly started = new Date();
  private readonly entries: ConfigEntry[];
  private readonly packageVersion: string;

  constructor() {
    super();
    const env = process.env;
    const given = (name: string) => env[name] !== undefined && env[name] !== '';
    this.entries = [
      ...SHOWN.map((name) => ({
        name,
        value: given(name) ? String(env[name]) : null,
        set: given(name),
        secret: false,
      })),
      ...SECRET.map((name) => ({ name, value: null, set: given(name), secret: true })),
    ];
    this.packageVersion = readVersion();
  }

  version(): string {
    return this.packageVersion;
  }

  startedAt(): Date {
    return this.started;
  }

  config(): ConfigEntry[] {
    return this.entries;
  }
}

/** package.json's version: four levels up from src/dashboard/infrastructure/config and from its dist twin. */
function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
