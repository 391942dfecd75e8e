import { ConnectorError } from '../../domain/connector-errors';
import { OPEN_GATE, RequestGate } from '../../application/rate-limiter';
import { classifyHttpError, parseJsonBody } from '../http/http-error.classifier';
import type { PlatformHttpClient } from '../http/platform-http-client';
import { isPenalty, TradovatePenalty } from './tradovate.types';

export interface TradovateRequest {
  method: 'GET' | 'POST';
  /** Path under the base URL, e.g. `/order/placeorder`. */
  path: string;
  query?: Record<string, string | number>;
  body?: Record<string, unknown>;
  token?: string;
  /** True when the call may change platform state (orders): ambiguous failures are then UNKNOWN_OUTCOME. */
  write: boolean;
}

/** Longest p-time we wait in-line; a longer penalty is handed back to the gateway as TRANSIENT. */
export const MAX_PENALTY_WAIT_S = 30;
const MAX_PENALTY_ROUNDS = 3;
/** The docs: with `p-captcha` a server-to-server client can only wait about an hour. */
const CAPTCHA_LOCKOUT_MS = 60 * 60 * 1000;

export type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One Tradovate HTTP exchange: JSON in and out, failures classified, and penalty tickets handled as the
 * docs say (HTTP 200 with `p-ticket`: wait `p-time` seconds, resend the identical body plus `p-ticket`;
 * `p-captcha`: fail at once, REJECTED, saying the IP is locked out for about an hour). Each exchange first
 * waits for the connection's rate-limit gate.
 */
export class TradovateTransport {
  constructor(
    private readonly http: PlatformHttpClient,
    private readonly baseUrl: string,
    private readonly sleep: Sleep = realSleep,
    private readonly gate: RequestGate = OPEN_GATE,
  ) {}

  async send(req: TradovateRequest): Promise<unknown> {
    let body = req.body;
    for (let round = 1; ; round++) {
      const result = await this.exchange({ ...req, body });
      if (!isPenalty(result)) return result;
      const waitS = this.penaltyWait(req, result, round);
      await this.sleep(waitS * 1000);
      body = { ...req.body, 'p-ticket': result['p-ticket'] };
    }
  }

  /** Seconds to wait before resending with the ticket, or a throw when the penalty cannot be served in-line. */
  private penaltyWait(req: TradovateRequest, penalty: TradovatePenalty, round: number): number {
    const pTime = Math.max(0, Number(penalty['p-time'] ?? 0));
    if (penalty['p-captcha'] === true) {
      const reason = 'Tradovate asked for a reCAPTCHA (p-captcha), which a server cannot answer';
      this.gate.block(CAPTCHA_LOCKOUT_MS, reason); // every later request of this login fails at once
      throw ConnectorError.rejected(
        `Tradovate penalty ticket with p-captcha on ${req.path}: the API asks for a reCAPTCHA a server cannot ` +
          'answer; this IP must not call the endpoint for about an hour',
        { retryAfterMs: CAPTCHA_LOCKOUT_MS, rawResponse: penalty },
      );
    }
    const resendable = req.method === 'POST' && pTime <= MAX_PENALTY_WAIT_S && round <= MAX_PENALTY_ROUNDS;
    if (!resendable) {
      throw ConnectorError.transient(`Tradovate penalty ticket on ${req.path}: wait ${pTime}s`, {
        retryAfterMs: pTime * 1000,
        rawResponse: penalty,
      });
    }
    return pTime;
  }

  private async exchange(req: TradovateRequest): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (req.token) headers.Authorization = `Bearer ${req.token}`;
    // Every exchange (a penalty resend too) takes a token of the connection's limits; /auth/* also an auth one.
    await this.gate.acquire(req.path.startsWith('/auth/') ? 'auth' : 'request');
    let text: string;
    try {
      const res = await this.http.request({
        method: req.method,
        url: `${this.baseUrl}${req.path}`,
        params: req.query,
        data: req.body,
        headers,
      });
      text = res.text;
    } catch (error) {
      throw classifyHttpError(error, { write: req.write });
    }
    return parseJsonBody(text, req.write);
  }
}
