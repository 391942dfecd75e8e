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
  /** Net position per symbol/contract. */
  positions(): Record<string, number>;
  /** Every request received: method, path, arrival time. */
  requests(): { method: string; path: string; at: number }[];
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Forget orders, positions, requests, sessions and faults. */
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
}
