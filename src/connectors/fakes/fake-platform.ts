import type Decimal from 'decimal.js';
import type { FakeMarket } from './fake-market';

/**
 * The common face of the loopback platform fakes (generic REST, Tradovate, ProjectX): real HTTP servers on
 * 127.0.0.1 that follow the documented shapes, keep orders and positions in memory, and inject faults.
 * Tests, benchmarks and `npm run fake` all drive them through this interface.
 */
export type FakeFault =
  | { kind: 'http'; status: number; retryAfterS?: number } // e.g. 429 with Retry-After, 503, 500
  | { kind: 'slow'; ms: number } // answer normally after a delay
  | { kind: 'timeout' } // accept the request (and act on it), never answer
  | { kind: 'timeout-before' } // accept the connection, never act, never answer
  | { kind: 'reset' } // destroy the socket without an answer (request not acted on)
  | { kind: 'malformed' } // 200 with a body that is not JSON
  | { kind: 'reject'; reason?: string } // business rejection in the platform's own shape
  | { kind: 'penalty'; pTime: number; captcha?: boolean } // Tradovate p-ticket
  | { kind: 'expired-token' }; // 401 as for an expired/invalid token

export interface FaultRule {
  fault: FakeFault;
  /** Only requests whose path contains this string (case-insensitive); all paths when absent. */
  path?: string;
  /** How many matching requests to affect; unlimited when absent. */
  times?: number;
}

export interface FakeOrderRecord {
  id: string;
  /** The platform account the order went to (Tradovate/ProjectX accountId, REST account_id); null: none named. */
  accountId: string | null;
  /** Tradovate's accountSpec as sent; null elsewhere. */
  accountSpec: string | null;
  clientOrderId: string | null;
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  type: string;
  status: string;
  /** Child/bracket order ids created with it. */
  bracketIds: string[];
  body: unknown;
  /** performance.timeOrigin + performance.now() when the request arrived (ms, fractional). */
  receivedAt: number;
}

export interface FakePlatform {
  readonly name: 'rest' | 'tradovate' | 'projectx';
  readonly url: string;
  readonly port: number;
  /** Every order the platform accepted, in arrival order (bracket children included, flagged by type). */
  orders(): FakeOrderRecord[];
  /** Net position per symbol/contract, summed over the login's accounts. */
  positions(): Record<string, number>;
  /** Net position per account (platform account id; '' for orders naming none), then per symbol/contract. */
  accountPositions(): Record<string, Record<string, number>>;
  /** Prices, working stops/limits, balances, positions and fills per account (see fake-market.ts). */
  readonly market: FakeMarket;
  /** Same as `POST /_fake/price`: moves the root's price and fills what it crosses. */
  setPrice(symbol: string, price: Decimal.Value): void;
  /** Every request received: method, path, arrival time. */
  requests(): { method: string; path: string; at: number }[];
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Forget orders, positions, requests, sessions, faults, prices and fills. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeOptions {
  port?: number; // 0 (default) = random free port
  host?: string; // default 127.0.0.1
  /** Credentials the fake accepts (the adapter tests configure the same). */
  credentials?: Record<string, string>;
  /** Token lifetime in seconds (Tradovate/ProjectX), to test renewal. */
  tokenTtlS?: number;
  /** How often a stream's server heartbeat is sent (Tradovate's `h`; default 2500 ms), to test dead sockets. */
  streamHeartbeatMs?: number;
  /**
   * The accounts the login holds (Tradovate `/account/list`, ProjectX `/api/Account/search`, REST
   * `GET /accounts`). When given, orders naming another account are refused; when absent, any account goes.
   */
  accounts?: FakeAccount[];
}

/** One account of a fake login: the platform's account id and name (Tradovate: the account spec). */
export interface FakeAccount {
  id: number | string;
  name: string;
  /** Opening cash balance (default 50,000). */
  balance?: number | string;
}

/** Net positions keyed `account id` → contract → net, summed per contract for `positions()`. */
export class FakePositions {
  private net = new Map<string, Map<string, number>>();

  get(account: string, contract: string): number {
    return this.net.get(account)?.get(contract) ?? 0;
  }
  add(account: string, contract: string, delta: number): number {
    const book = this.net.get(account) ?? new Map<string, number>();
    const next = (book.get(contract) ?? 0) + delta;
    book.set(contract, next);
    this.net.set(account, book);
    return next;
  }
  /** [account, contract, net] for every contract ever traded. */
  entries(): [string, string, number][] {
    return [...this.net].flatMap(([a, book]) =>
      [...book].map(([c, n]) => [a, c, n] as [string, string, number]),
    );
  }
  byAccount(): Record<string, Record<string, number>> {
    return Object.fromEntries([...this.net].map(([a, book]) => [a, Object.fromEntries(book)]));
  }
  summed(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [, c, n] of this.entries()) out[c] = (out[c] ?? 0) + n;
    return out;
  }
  clear(): void {
    this.net.clear();
  }
}
