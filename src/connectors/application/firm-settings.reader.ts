import { Injectable } from '@nestjs/common';
import { FirmEnvReader } from '../../platform/config/firm-env.reader';
import {
  CONNECTOR_PLATFORMS,
  ConnectorPlatform,
  DEFAULT_PLATFORMS,
  DEFAULT_RESILIENCE,
  FirmConnectorSettings,
  FirmResilienceSettings,
  isFirmCode,
} from '../domain/firm-connector-settings';

const RESILIENCE_VARS: [keyof FirmResilienceSettings, string, number][] = [
  ['timeoutMs', 'TIMEOUT_MS', 1],
  ['maxRetries', 'MAX_RETRIES', 0],
  ['retryBaseDelayMs', 'RETRY_BASE_DELAY_MS', 0],
  ['retryMaxDelayMs', 'RETRY_MAX_DELAY_MS', 0],
  ['breakerThreshold', 'BREAKER_THRESHOLD', 1],
  ['breakerHalfOpenMs', 'BREAKER_HALF_OPEN_MS', 1],
];

/** Env names whose values are credentials, for any firm: they seed the redactor. */
const CREDENTIAL_NAME = /^[A-Z][A-Z0-9]*_(?:[A-Z0-9]+_)?(API_KEY|PASSWORD|SEC|SECRET|TOKEN)$/;

/**
 * Reads the seed's per-firm connector settings of an env connection (`{FIRM}_ENABLED`, `_PLATFORM`) and its
 * resilience knobs (`_TIMEOUT_MS`, `_MAX_RETRIES`, ...). Never throws: a malformed value is listed by name in
 * `problems` (the firm is then not configured), never echoed. `{FIRM}_SUPPORTED_SYMBOLS` and
 * `{FIRM}_MAX_POSITION_SIZE` are the risk gate's rules, not read here.
 */
@Injectable()
export class FirmSettingsReader {
  constructor(private readonly env: FirmEnvReader) {}

  read(firmCode: string): FirmConnectorSettings {
    const firm = firmCode.trim().toUpperCase();
    const problems: string[] = [];
    const malformed: string[] = [];
    if (!isFirmCode(firm)) problems.push(`a firm code of letters and digits (got an invalid code)`);
    const attempt = <T>(name: string, hint: string, read: () => T): T | undefined => {
      try {
        return read();
      } catch {
        problems.push(`${name} (${hint})`);
        malformed.push(`${name} ${hint}`);
        return undefined;
      }
    };
    const enabled = attempt(`${firm}_ENABLED`, 'must be true or false', () =>
      this.env.bool(`${firm}_ENABLED`, false),
    );
    const platform = this.platform(firm, problems, malformed);
    if (!enabled && !problems.some((p) => p.startsWith(`${firm}_ENABLED`)))
      problems.unshift(`${firm}_ENABLED`);
    const resilience = { ...DEFAULT_RESILIENCE };
    for (const [key, suffix, min] of RESILIENCE_VARS) {
      const name = `${firm}_${suffix}`;
      const v = attempt(name, `must be a whole number >= ${min}`, () => this.env.int(name, { min }));
      if (v !== undefined) resilience[key] = v;
    }
    return {
      firmCode: firm,
      platform,
      enabled: enabled === true,
      resilience,
      problems,
      malformed,
    };
  }

  /**
   * `CONNECTOR_RATE_LIMITS`: `published` (the default: each connection follows its platform's published
   * limits) or `off` (no limit: for the loopback fakes and benchmarks only). Anything else means published.
   */
  rateLimitsOff(): boolean {
    return this.env.raw('CONNECTOR_RATE_LIMITS')?.toLowerCase() === 'off';
  }

  /** Every configured credential value (API keys, passwords, secrets), for redaction. */
  secretValues(): string[] {
    return this.env
      .namesMatching(CREDENTIAL_NAME)
      .map((name) => this.env.raw(name))
      .filter((v): v is string => v !== undefined);
  }

  private platform(firm: string, problems: string[], malformed: string[]): ConnectorPlatform | null {
    const name = `${firm}_PLATFORM`;
    const raw = this.env.raw(name)?.toLowerCase();
    if (raw === undefined) {
      const fallback = DEFAULT_PLATFORMS[firm];
      if (!fallback) problems.push(name);
      return fallback ?? null;
    }
    if ((CONNECTOR_PLATFORMS as string[]).includes(raw)) return raw as ConnectorPlatform;
    problems.push(`${name} (must be one of ${CONNECTOR_PLATFORMS.join(', ')})`);
    malformed.push(`${name} must be one of ${CONNECTOR_PLATFORMS.join(', ')}`);
    return null;
  }
}
