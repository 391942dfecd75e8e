import { Redactor } from '../../../platform/logging/redactor';

/**
 * The ProjectX real-time host of an API base URL: ProjectX serves its hubs beside the API on an `rtc` host
 * (`api.topstepx.com` → `rtc.topstepx.com`, `gateway-api-demo.s2f.projectx.com` →
 * `gateway-rtc-demo.s2f.projectx.com`, `api.<firm>.projectx.com` → `rtc.<firm>.projectx.com`); any other host
 * (a loopback fake, a proxy) serves them itself.
 */
export function projectXHubUrl(baseUrl: string, hub: 'user' | 'market'): string {
  const url = new URL(baseUrl);
  url.hostname = url.hostname.replace(/^api\./i, 'rtc.').replace(/^gateway-api-/i, 'gateway-rtc-');
  return `${url.origin}/hubs/${hub}`;
}

export interface BackoffPolicy {
  /** The first retry waits between half of this and this (ms); each further one twice as long. */
  firstDelayMs: number;
  /** No wait is longer than this (ms). */
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { firstDelayMs: 500, maxDelayMs: 30_000 };

/**
 * The wait before retry number `attempt` (0 = the first retry): exponential, capped, with jitter between half
 * and all of it so that many connections do not come back in step. Never gives up.
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, random: number): number {
  const full = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(attempt, 30));
  return Math.round(full * (0.5 + 0.5 * Math.min(Math.max(random, 0), 1)));
}

const ACCESS_TOKEN = /(access_token=)[^&\s"'#]+/gi;
const BEARER = /(Bearer\s+)[^\s"',]+/gi;
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g;

/**
 * A text from the hub client or its errors made safe for a log line or a status: the login's secrets, any
 * `access_token=` query value, bearer header and anything shaped like a JWT are censored.
 */
export function redactStreamText(text: string, secrets: Iterable<string>): string {
  return new Redactor(secrets)
    .redactText(text)
    .replace(ACCESS_TOKEN, '$1[REDACTED]')
    .replace(BEARER, '$1[REDACTED]')
    .replace(JWT, '[REDACTED]');
}
