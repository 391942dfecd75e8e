import { randomBytes } from 'node:crypto';
import type { FakeOptions } from './fake-platform';
import { Json, now, ok, Reply } from './http-fake';

/** The Tradovate fake's sessions: the access-token request, renewals, and penalty tickets. */
export class TradovateAuth {
  private readonly ttlMs: number;
  private tokens = new Map<string, number>();
  private tickets = new Map<string, number>();

  constructor(private readonly opts: FakeOptions) {
    this.ttlMs = (opts.tokenTtlS ?? 4800) * 1000;
  }

  clear(): void {
    this.tokens.clear();
    this.tickets.clear();
  }

  /** POST /auth/accesstokenrequest: checks the credentials the fake was given (a bad login is a 200). */
  login(body: Json | null): Reply {
    const c = this.opts.credentials ?? {};
    const given: Record<string, unknown> = {
      username: body?.name,
      password: body?.password,
      cid: body?.cid,
      sec: body?.sec,
    };
    const wrong = Object.keys(given).some((k) => c[k] !== undefined && String(given[k]) !== c[k]);
    if (!body || wrong) return ok({ errorText: 'Incorrect username or password. Please try again.' });
    return ok({ ...this.issue(), userId: 7, userStatus: 'Active', name: body.name });
  }

  /** A new access token; a renewal keeps the old one usable until it expires, as a session would. */
  issue(): Json {
    const accessToken = randomBytes(24).toString('base64url');
    const expiresAt = Date.now() + this.ttlMs;
    this.tokens.set(accessToken, expiresAt);
    return {
      accessToken,
      mdAccessToken: randomBytes(24).toString('base64url'),
      expirationTime: new Date(expiresAt).toISOString(),
    };
  }

  /** Every token issued so far dies at once (`/_fake/expire-tokens`); returns how many were live. */
  expireAll(): number {
    const live = [...this.tokens.values()].filter((expires) => Date.now() < expires).length;
    this.tokens.clear();
    return live;
  }

  /** True for a token this fake issued that has not expired. */
  live(token: string | undefined): boolean {
    const expires = token ? this.tokens.get(token) : undefined;
    return expires !== undefined && Date.now() < expires;
  }

  /** A penalty ticket that matures `pTime` seconds from now. */
  penalty(pTime: number): string {
    const ticket = randomBytes(12).toString('hex');
    this.tickets.set(ticket, now() + pTime * 1000);
    return ticket;
  }

  /** True when the body carries a ticket this fake issued whose p-time has passed (it is used up). */
  redeemTicket(body: Json | null): boolean {
    const ticket = body?.['p-ticket'];
    if (typeof ticket !== 'string') return false;
    const due = this.tickets.get(ticket);
    if (due === undefined || now() < due) return false;
    this.tickets.delete(ticket);
    return true;
  }
}
