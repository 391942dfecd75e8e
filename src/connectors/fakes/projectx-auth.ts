import { randomBytes } from 'node:crypto';
import type { FakeOptions } from './fake-platform';
import type { Json, Reply } from './http-fake';
import { answer } from './projectx-shapes';

/** The ProjectX fake's sessions: API-key login, JWT-shaped tokens whose `exp` is `tokenTtlS` away, renewal. */
export class ProjectXAuth {
  private readonly ttlMs: number;
  private tokens = new Map<string, number>();

  constructor(private readonly opts: FakeOptions) {
    this.ttlMs = (opts.tokenTtlS ?? 24 * 3600) * 1000;
  }

  clear(): void {
    this.tokens.clear();
  }

  /** `/_fake/expire-tokens`: every token issued so far is dead (REST 401, hub connections 401). */
  expireAll(): number {
    const n = this.tokens.size;
    this.tokens.clear();
    return n;
  }

  /** /api/Auth/loginKey {userName, apiKey}: checks the credentials the fake was given. */
  login(body: Json | null): Reply {
    const c = this.opts.credentials ?? {};
    const wrong = ['userName', 'apiKey'].some((k) => c[k] !== undefined && body?.[k] !== c[k]);
    if (!body || wrong) return answer({ token: null }, 3, 'Invalid user name or API key');
    return answer({ token: this.issue(String(body.userName)) });
  }

  /** /api/Auth/validate: a new token for the same user. */
  renew(token: string): Reply {
    return answer({ newToken: this.issue(subject(token)) });
  }

  /** True for a token this fake issued that has not expired. */
  live(token: string | undefined): token is string {
    const expires = token ? this.tokens.get(token) : undefined;
    return expires !== undefined && Date.now() < expires;
  }

  private issue(sub: string): string {
    const exp = (Date.now() + this.ttlMs) / 1000;
    const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const header = part({ alg: 'HS256', typ: 'JWT' });
    const payload = part({ sub, exp, jti: randomBytes(8).toString('hex') });
    const token = `${header}.${payload}.${randomBytes(16).toString('base64url')}`;
    this.tokens.set(token, exp * 1000);
    return token;
  }
}

function subject(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as {
    sub: string;
  };
  return payload.sub;
}
