import type { Logger } from '@nestjs/common';
import type {
  ConnectionWithSecrets,
  RoutingAccount,
} from '../../accounts/application/ports/account-directory.port';
import { ConnectorConfigError } from '../domain/connector-errors';
import {
  CONNECTOR_PLATFORMS,
  ConnectorPlatform,
  DEFAULT_RESILIENCE,
  FirmResilienceSettings,
} from '../domain/firm-connector-settings';
import { CONNECTION_CONCURRENCY, PLATFORM_RATE_LIMITS } from '../domain/platform-rate-limits';
import type { ConnectorRedactor } from './connector-redactor';
import { BreakerVerdicts, FirmPolicy } from './firm-policy';
import type { FirmSettingsReader } from './firm-settings.reader';
import { Lane } from './lane';
import { RateLimiter } from './rate-limiter';
import type { BrokerConnector, PlatformLogin } from './ports/broker-connector.port';
import type { ConnectorFactory, LoginTarget } from './ports/connector-factory.port';

/** Credential fields whose values are secrets (redacted wherever they turn up). */
const SECRET_FIELD = /pass|secret|sec$|key|token/i;

/** One connection as the gateway serves it: its login, its policy, its limits and its lane. */
export interface ConnectionEntry {
  connectionId: number;
  name: string;
  platform: ConnectorPlatform | null;
  source: 'api' | 'env';
  /** For messages and logs: the firm code of an env connection, else `connection "<name>"`. */
  subject: string;
  revision: string;
  /** What the connection lacks, by name; the login exists only when nothing is missing. */
  missing: string[];
  login?: PlatformLogin;
  /** Per-account adapters on the login, keyed by account id and platform account. */
  adapters: Map<string, BrokerConnector>;
  policy: FirmPolicy;
  /**
   * The platform sync's state reads run under a policy of their own (same settings, own breaker): a sync
   * read that succeeds says nothing about the order path, and must not keep the orders' breaker closed
   * while every order fails (Tradovate's order endpoints answering 503 beside a healthy position list).
   * Nor does a failing sync open the orders' breaker.
   */
  syncPolicy: FirmPolicy;
  /** The settings the policies were built with. */
  resilience: FirmResilienceSettings;
  limiter: RateLimiter;
  lane: Lane;
  /** Client order ids whose send may have reached the platform: looked up before any re-send. */
  unresolved: Set<string>;
}

/**
 * Every connection's entry, built on first use and rebuilt when the connection's revision changes (edited
 * credentials or URL take effect on the next call, no restart). A rebuild replaces the login (a new session)
 * and keeps what belongs to the connection itself: breaker, rate limits, lane and unresolved sends.
 */
export class ConnectionEntries {
  private readonly entries = new Map<number, ConnectionEntry>();

  constructor(
    private readonly settings: FirmSettingsReader,
    private readonly factory: ConnectorFactory,
    /** Every credential and token seen on the connections: readers outside the gateway redact with it. */
    readonly redactor: ConnectorRedactor,
    private readonly logger: Logger,
    /** Told of every retried call (metrics): the connection and its platform. */
    private readonly retried: (connectionId: number, platform: string) => void = () => {},
  ) {}

  entry(connection: ConnectionWithSecrets): ConnectionEntry {
    const existing = this.entries.get(connection.id);
    if (existing && existing.revision === connection.revision) return existing;
    const entry = this.build(connection, existing);
    this.entries.set(connection.id, entry);
    return entry;
  }

  /** The entries built so far. */
  all(): ConnectionEntry[] {
    return [...this.entries.values()];
  }

  /** The adapter for one account on the entry's login; throws ConnectorConfigError naming what is missing. */
  adapter(entry: ConnectionEntry, account: RoutingAccount): BrokerConnector {
    if (!entry.login) throw new ConnectorConfigError(entry.subject, entry.missing);
    const key = `${account.id} ${account.platformAccount ?? ''} ${account.platformAccountSpec ?? ''}`;
    let adapter = entry.adapters.get(key);
    if (!adapter) {
      adapter = entry.login.connector({
        firmCode: account.firmCode,
        label: account.label,
        platformAccount: account.platformAccount,
        platformAccountSpec: account.platformAccountSpec,
        programId: account.programId,
      });
      entry.adapters.set(key, adapter);
    }
    return adapter;
  }

  learnSecrets(login: PlatformLogin | undefined): void {
    if (login) this.redactor.learn(login.secrets());
  }

  private build(connection: ConnectionWithSecrets, previous?: ConnectionEntry): ConnectionEntry {
    this.redactor.trust(
      Object.entries(connection.credentials)
        .filter(([field]) => SECRET_FIELD.test(field))
        .map(([, value]) => value),
    );
    const { target, missing } = this.target(connection);
    if (target) missing.push(...this.factory.missingSettings(target).filter((m) => !missing.includes(m)));
    const platform = target?.platform ?? null;
    const subject = target?.subject ?? subjectOf(connection);
    const samePlatform = previous !== undefined && previous.platform === platform;
    const resilience = target?.resilience ?? DEFAULT_RESILIENCE;
    const windows = platform && !this.settings.rateLimitsOff() ? PLATFORM_RATE_LIMITS[platform] : [];
    const limiter = samePlatform ? previous.limiter : new RateLimiter(windows);
    const login = target && missing.length === 0 ? this.factory.login(target, limiter) : undefined;
    this.learnSecrets(login);
    // the breakers survive a rebuild (new credentials) only while their settings stand
    const keep = previous !== undefined && sameResilience(previous.resilience, resilience);
    return {
      connectionId: connection.id,
      name: connection.name,
      platform,
      source: connection.source,
      subject,
      revision: connection.revision,
      missing,
      login,
      adapters: new Map(),
      policy: keep
        ? previous.policy
        : this.policy(subject, resilience, connection.id, platform ?? 'none', 'writes'),
      syncPolicy: keep
        ? previous.syncPolicy
        : this.policy(`${subject} (sync reads)`, resilience, connection.id, platform ?? 'none', 'all'),
      resilience,
      limiter,
      lane: previous?.lane ?? new Lane(CONNECTION_CONCURRENCY),
      unresolved: previous?.unresolved ?? new Set(),
    };
  }

  /** What the login is built from, and what is already known to be missing (env settings, platform). */
  private target(c: ConnectionWithSecrets): { target?: LoginTarget; missing: string[] } {
    const common = {
      connectionId: c.id,
      source: c.source,
      envFirm: c.envFirm,
      environment: c.environment,
      baseUrl: c.baseUrl,
      credentials: c.credentials,
    };
    if (c.source === 'env' && c.envFirm) {
      const settings = this.settings.read(c.envFirm);
      const missing = [...settings.problems];
      if (!settings.platform) return { missing };
      const { firmCode: subject, platform, resilience } = settings;
      return { target: { ...common, subject, platform, resilience }, missing };
    }
    if (!c.platform || !CONNECTOR_PLATFORMS.includes(c.platform)) return { missing: ['platform'] };
    const target = { ...common, subject: subjectOf(c), platform: c.platform, resilience: DEFAULT_RESILIENCE };
    return { target, missing: [] };
  }

  private policy(
    subject: string,
    resilience: LoginTarget['resilience'],
    connectionId: number,
    platform: string,
    verdicts: BreakerVerdicts,
  ): FirmPolicy {
    return new FirmPolicy(
      resilience,
      {
        onRetry: (error, delayMs, attempt) => {
          this.retried(connectionId, platform);
          this.logger.warn(
            this.redactor.redactText(
              `${subject}: retry ${attempt} in ${Math.round(delayMs)} ms after ${error.message}`,
            ),
          );
        },
        onBreak: () =>
          this.logger.error(
            `${subject}: circuit opened; calls fail fast for ${resilience.breakerHalfOpenMs} ms`,
          ),
        onReset: () => this.logger.log(`${subject}: circuit closed`),
      },
      verdicts,
    );
  }
}

function subjectOf(c: ConnectionWithSecrets): string {
  return c.source === 'env' && c.envFirm ? c.envFirm : `connection "${c.name}"`;
}

function sameResilience(a: FirmResilienceSettings, b: FirmResilienceSettings): boolean {
  return (Object.keys(a) as (keyof FirmResilienceSettings)[]).every((k) => a[k] === b[k]);
}
