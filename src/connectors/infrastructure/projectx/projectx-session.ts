import type { Clock } from '../../../platform/time/clock';
import { ConnectorError } from '../../domain/connector-errors';
import type { ProjectXLoginConfig } from '../config/projectx.config';
import type { ProjectXTransport } from './projectx-transport';
import type { ProjectXLoginResponse, ProjectXValidateResponse } from './projectx.types';

/** Documented session lifetime, used when the token does not say (it is a JWT with `exp` in practice). */
const DEFAULT_LIFETIME_MS = 24 * 60 * 60 * 1000;

interface Token {
  value: string;
  expiresAt: number;
  renewAt: number;
}

/** `exp` of a JWT, in ms; null when the token is not a JWT or carries no expiry. */
export function jwtExpiry(token: string): number | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * The ProjectX session of one login (connection), shared by all its accounts: `/api/Auth/loginKey` once, then `/api/Auth/validate` (which answers a
 * `newToken`) once half the token's life has passed — ProjectX recommends re-validating every 12 of the 24
 * hours — and a new login only when there is no token, it expired, validation failed, or after a 401.
 */
export class ProjectXSession {
  private token: Token | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly config: ProjectXLoginConfig,
    private readonly transport: ProjectXTransport,
    private readonly clock: Clock,
  ) {}

  sessionToken(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.token && now < this.token.renewAt) return Promise.resolve(this.token.value);
    if (!this.pending) {
      const current = this.token && now < this.token.expiresAt ? this.token.value : null;
      this.pending = (current ? this.validate(current) : this.login()).finally(() => (this.pending = null));
    }
    return this.pending;
  }

  invalidate(): void {
    this.token = null;
  }

  /**
   * Validates the token now (answering a new one), or logs in again when it expired or is refused: for a
   * stream whose connection was refused, where no HTTP 401 says whether the token is to blame.
   */
  revalidate(): Promise<string> {
    if (this.token && !this.pending) this.token = { ...this.token, renewAt: 0 };
    return this.sessionToken();
  }

  secrets(): string[] {
    return [this.config.apiKey, ...(this.token ? [this.token.value] : [])];
  }

  private async login(): Promise<string> {
    const body = { userName: this.config.username, apiKey: this.config.apiKey };
    const res = (await this.transport.send({
      path: '/api/Auth/loginKey',
      body,
      write: false,
    })) as ProjectXLoginResponse;
    if (!res.success || !res.token) {
      throw ConnectorError.fatal(
        `ProjectX login failed: ${res.errorMessage ?? `errorCode ${res.errorCode}`}`,
      );
    }
    return this.keep(res.token);
  }

  private async validate(current: string): Promise<string> {
    try {
      const res = (await this.transport.send({
        path: '/api/Auth/validate',
        body: {},
        token: current,
        write: false,
      })) as ProjectXValidateResponse;
      if (res.success && res.newToken) return this.keep(res.newToken);
    } catch (error) {
      if (!(error instanceof ConnectorError && error.kind === 'FATAL')) throw error;
    }
    return this.login();
  }

  private keep(value: string): string {
    const now = this.clock.now().getTime();
    const expiresAt = jwtExpiry(value) ?? now + DEFAULT_LIFETIME_MS;
    this.token = { value, expiresAt, renewAt: now + Math.max(0, expiresAt - now) / 2 };
    return value;
  }
}
