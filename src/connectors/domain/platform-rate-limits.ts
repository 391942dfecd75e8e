import type { ConnectorPlatform } from './firm-connector-settings';

/** Which requests a window counts: every request of the login, or only its logins (token requests). */
export type RateScope = 'all' | 'auth';

/** At most `limit` requests in any `windowMs` (a sliding window, never a fixed one). */
export interface RateWindow {
  limit: number;
  windowMs: number;
  scope: RateScope;
  /** The published limit, for the status API and messages, e.g. "200 / 60 s". */
  label: string;
}

/**
 * A second's margin on minute windows (50 ms on the one-second window): the platform counts arrivals, we
 * count departures, and network jitter can bunch requests up on the way.
 */
const MARGIN_MINUTE_MS = 1_000;
const MARGIN_SECOND_MS = 50;

const perMinute = (limit: number, scope: RateScope = 'all'): RateWindow => ({
  limit,
  windowMs: 60_000 + MARGIN_MINUTE_MS,
  scope,
  label: `${limit} / 60 s${scope === 'auth' ? ' (auth)' : ''}`,
});

/**
 * The platforms' published limits, per login (docs/reference/platform-apis.md):
 * - ProjectX Gateway: 200 requests / 60 s on every endpoint but history bars (not used); over → HTTP 429.
 * - Tradovate: 1,000 / s and 5,000 / min, and 10 / min on the access-token request; over → penalty tickets,
 *   then a 429 that can mean an hour's wait.
 * - The generic REST API publishes none: only the connection's concurrency cap applies.
 * - The paper platform is PropRouter's own ledger: no limit.
 */
export const PLATFORM_RATE_LIMITS: Readonly<Record<ConnectorPlatform, readonly RateWindow[]>> = {
  projectx: [perMinute(200)],
  tradovate: [
    { limit: 1_000, windowMs: 1_000 + MARGIN_SECOND_MS, scope: 'all', label: '1000 / 1 s' },
    perMinute(5_000),
    perMinute(10, 'auth'),
  ],
  rest: [],
  paper: [],
};

/** Calls in flight per connection: one hanging platform piles up at most this many, in its own lane. */
export const CONNECTION_CONCURRENCY = 16;
