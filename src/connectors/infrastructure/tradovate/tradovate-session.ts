import type { Clock } from '../../../platform/time/clock';
import { ConnectorError } from '../../domain/connector-errors';
import type { TradovateLoginConfig } from '../config/tradovate.config';
import type { TradovateTransport } from './tradovate-transport';
import type { TradovateTokenResponse } from './tradovate.types';

/** Renew this long before expiry (as the docs' example does), or half-way through a shorter-lived token. */
const RENEW_AHEAD_MS = 15 * 60 * 1000;

interface Token {
  value: string;
  expiresAt: number;
  renewAt: number;
}

/**
 * The Tradovate access token of one login (connection), shared by all its accounts. A token is requested once and then renewed with
 * `/auth/renewaccesstoken` before it expires (a new `accesstokenrequest` would open a new session and
 * count against the 10/min auth limit); a new one is requested only when there is none, it has expired,
 * renewal failed, or the platform answered 401. Concurrent callers share one in-flight request.
 */
export class TradovateSession {
  private token: Token | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly config: TradovateLoginConfig,
    private readonly transport: TradovateTransport,
    private readonly clock: Clock,
  ) {}

  /** A valid access token, requesting or renewing one when needed. */
  accessToken(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.token && now < this.token.renewAt) return Promise.resolve(this.token.value);
    if (!this.pending) {
      const current = this.token && now < this.token.expiresAt ? this.token.value : null;
      this.pending = (current ? this.renew(current) : this.request()).finally(() => (this.pending = null));
    }
    return this.pending;
  }

  /** Forget the token (after a 401), so that the next call requests a new one. */
  invalidate(): void {
    this.token = null;
  }

  secrets(): string[] {
    return [this.config.password, this.config.sec, ...(this.token ? [this.token.value] : [])];
  }

  private async request(): Promise<string> {
    const { username, password, appId, appVersion, cid, sec, deviceId } = this.config;
    const body = {
      name: username,
      password,
      appId,
      appVersion,
      cid: /^\d+$/.test(cid) ? Number(cid) : cid,
      sec,
      deviceId,
    };
    const res = await this.transport.send({
      method: 'POST',
      path: '/auth/accesstokenrequest',
      body,
      write: false,
    });
    return this.accept(res as TradovateTokenResponse, 'access token request');
  }

  private async renew(current: string): Promise<string> {
    try {
      const res = await this.transport.send({
        method: 'GET',
        path: '/auth/renewaccesstoken',
        token: current,
        write: false,
      });
      return this.accept(res as TradovateTokenResponse, 'token renewal');
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'FATAL') return this.request();
      throw error;
    }
  }

  private accept(res: TradovateTokenResponse, what: string): string {
    if (res.errorText || !res.accessToken || !res.expirationTime) {
      throw ConnectorError.fatal(
        `Tradovate ${what} failed: ${res.errorText || 'no access token in the answer'}`,
      );
    }
    const now = this.clock.now().getTime();
    const expiresAt = Date.parse(res.expirationTime);
    if (Number.isNaN(expiresAt)) throw ConnectorError.fatal(`Tradovate ${what}: unreadable expirationTime`);
    const lifetime = Math.max(0, expiresAt - now);
    this.token = {
      value: res.accessToken,
      expiresAt,
      renewAt: expiresAt - Math.min(RENEW_AHEAD_MS, lifetime / 2),
    };
    return res.accessToken;
  }
}
