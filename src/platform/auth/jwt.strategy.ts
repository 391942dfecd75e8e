import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { JWT_SECRET } from './auth.tokens';
import { SessionService } from './session.service';
import type { Principal } from './principal';

const INT4_MAX = 2_147_483_647;

/** What a token must carry: the user's id, the session version it was issued under, and an expiry. */
export interface TokenClaims {
  sub: string;
  ver: number;
  exp: number;
}

/**
 * HS256 only, `exp` required, and the user read on every request: a token of a deleted or disabled user,
 * or one issued before the user's password changed, answers 401; the role is the row's, not the token's.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(JWT_SECRET) secret: string,
    private readonly sessions: SessionService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: secret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: Partial<TokenClaims>): Promise<Principal | false> {
    const userId = /^[1-9]\d{0,9}$/.test(payload.sub ?? '') ? Number(payload.sub) : NaN;
    // users.id is an int4: a larger id (only signable with the secret) must not reach the query as an error
    if (!(userId <= INT4_MAX) || typeof payload.exp !== 'number') return false;
    if (typeof payload.ver !== 'number' || !Number.isSafeInteger(payload.ver)) return false;
    return (await this.sessions.principalForToken(userId, payload.ver)) ?? false;
  }
}
