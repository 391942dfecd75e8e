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
  REGISTRY_FIRM_CODES,
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
 * Reads the seed's per-firm connector settings (`{FIRM}_ENABLED`, `_PLATFORM`, `_TIMEOUT_MS`,
 * `_SUPPORTED_SYMBOLS`, `_MAX_POSITION_SIZE`) and the resilience knobs. Never throws: a malformed value is
 * listed by name in `problems` (the firm is then not configured), never echoed.
 */
@Injectable()
export class FirmSettingsReader {
  constructor(private readonly env: FirmEnvReader) {}

  /**
   * The registry's firms, then any other firm with `{FIRM}_PLATFORM` set, or with `{FIRM}_ENABLED` set next
   * to `{FIRM}_BASE_URL`/`{FIRM}_API_KEY` (so unrelated switches such as ROUTER_ENABLED are not firms).
   */
  knownFirms(): string[] {
    const extra = new Set<string>();
    for (const name of this.env.namesMatching(/^[A-Z][A-Z0-9]*_(PLATFORM|ENABLED)$/)) {
      const firm = name.slice(0, name.lastIndexOf('_'));
      if (REGISTRY_FIRM_CODES.includes(firm) || this.env.raw(name) === undefined) continue;
      const looksLikeFirm =
        name.endsWith('_PLATFORM') ||
        this.env.raw(`${firm}_BASE_URL`) !== undefined ||
        this.env.raw(`${firm}_API_KEY`) !== undefined;
      if (looksLikeFirm) extra.add(firm);
    }
    return [...REGISTRY_FIRM_CODES, ...[...extra].sort()];
  }

  read(firmCode: string): FirmConnectorSettings {
    const firm = firmCode.trim().toUpperCase();
    const problems: string[] = [];
    if (!isFirmCode(firm)) problems.push(`a firm code of letters and digits (got an invalid code)`);
    const attempt = <T>(name: string, hint: string, read: () => T): T | undefined => {
      try {
        return read();
      } catch {
        problems.push(`${name} (${hint})`);
        return undefined;
      }
    };
    const enabled = attempt(`${firm}_ENABLED`, 'must be true or false', () =>
      this.env.bool(`${firm}_ENABLED`, false),
    );
    const platform = this.platform(firm, problems);
    if (!enabled && !problems.some((p) => p.startsWith(`${firm}_ENABLED`)))
      problems.unshift(`${firm}_ENABLED`);
    const resilience = { ...DEFAULT_RESILIENCE };
    for (const [key, suffix, min] of RESILIENCE_VARS) {
      const name = `${firm}_${suffix}`;
      const v = attempt(name, `must be a whole number >= ${min}`, () => this.env.int(name, { min }));
      if (v !== undefined) resilience[key] = v;
    }
    const maxPosition = attempt(`${firm}_MAX_POSITION_SIZE`, 'must be a number > 0', () =>
      this.env.decimal(`${firm}_MAX_POSITION_SIZE`, { positive: true }),
    );
    const symbols = this.env.list(`${firm}_SUPPORTED_SYMBOLS`);
    return {
      firmCode: firm,
      platform,
      enabled: enabled === true,
      supportedSymbols: symbols ? symbols.map((s) => s.toUpperCase()) : null,
      maxPositionSize: maxPosition ? maxPosition.toNumber() : null,
      resilience,
      problems,
    };
  }

  /** Every configured credential value (API keys, passwords, secrets), for redaction. */
  secretValues(): string[] {
    return this.env
      .namesMatching(CREDENTIAL_NAME)
      .map((name) => this.env.raw(name))
      .filter((v): v is string => v !== undefined);
  }

  private platform(firm: string, problems: string[]): ConnectorPlatform | null {
    const name = `${firm}_PLATFORM`;
    const raw = this.env.raw(name)?.toLowerCase();
    if (raw === undefined) {
      const fallback = DEFAULT_PLATFORMS[firm];
      if (!fallback) problems.push(name);
      return fallback ?? null;
    }
    if ((CONNECTOR_PLATFORMS as string[]).includes(raw)) return raw as ConnectorPlatform;
    problems.push(`${name} (must be one of ${CONNECTOR_PLATFORMS.join(', ')})`);
    return null;
  }
}
