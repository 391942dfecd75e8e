/** The platforms an adapter exists for; `paper` is PropRouter's own paper platform (issue 19). */
export type ConnectorPlatform = 'rest' | 'tradovate' | 'projectx' | 'paper';
export const CONNECTOR_PLATFORMS: readonly ConnectorPlatform[] = ['rest', 'tradovate', 'projectx', 'paper'];

/** Seed 13C: FTMO and APEX use the generic REST connector unless told otherwise; other firms have no default. */
export const DEFAULT_PLATFORMS: Readonly<Record<string, ConnectorPlatform>> = { FTMO: 'rest', APEX: 'rest' };

/** How hard the gateway tries one connection, and when it stops calling it for a while. */
export interface FirmResilienceSettings {
  /** Per HTTP request (seed: 30 s on all API calls). */
  timeoutMs: number;
  /** Retries after the first try, on transient failures only. */
  maxRetries: number;
  retryBaseDelayMs: number;
  /** Longest wait between tries; a Retry-After longer than this ends the retries. */
  retryMaxDelayMs: number;
  /** Consecutive failed calls that open the firm's circuit. */
  breakerThreshold: number;
  /** How long an open circuit stays open before one trial call is let through. */
  breakerHalfOpenMs: number;
}

export const DEFAULT_RESILIENCE: FirmResilienceSettings = {
  timeoutMs: 30_000,
  maxRetries: 3,
  retryBaseDelayMs: 250,
  retryMaxDelayMs: 10_000,
  breakerThreshold: 5,
  breakerHalfOpenMs: 30_000,
};

/** One firm's connector settings as read from `{FIRM}_*` (seed names); never holds a credential. */
export interface FirmConnectorSettings {
  firmCode: string;
  /** Null when `{FIRM}_PLATFORM` is unset and the firm has no default, or is not a known platform. */
  platform: ConnectorPlatform | null;
  enabled: boolean;
  resilience: FirmResilienceSettings;
  /** Settings this firm lacks or that are malformed, by name (e.g. `APEX_ENABLED`, `APEX_TIMEOUT_MS (...)`). */
  problems: string[];
  /** The set but malformed ones among them (a typo in `{FIRM}_PLATFORM`, `{FIRM}_MAX_RETRIES=abc`): start-up stops. */
  malformed: string[];
}

/** Firm codes are env-name prefixes: upper-case letters and digits. */
export function isFirmCode(code: string): boolean {
  return /^[A-Z][A-Z0-9]*$/.test(code);
}
