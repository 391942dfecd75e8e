import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import type { Principal } from './principal';
import { API_KEY_PREFIX } from './secrets';
import { SessionService } from './session.service';

/** API keys arrive as `X-API-Key: pr_...` or `Authorization: Bearer pr_...`. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, 'api-key') {
  constructor(private readonly sessions: SessionService) {
    super();
  }

  async validate(req: Request): Promise<Principal | false> {
    const key = extractApiKey(req.headers as Record<string, string | string[] | undefined>);
    if (!key) return false;
    return (await this.sessions.principalForApiKey(key)) ?? false;
  }
}

export function extractApiKey(headers: Record<string, string | string[] | undefined>): string | undefined {
  const header = headers['x-api-key'];
  if (typeof header === 'string' && header.length > 0) return header;
  const authz = headers['authorization'];
  if (typeof authz === 'string' && authz.startsWith(`Bearer ${API_KEY_PREFIX}`)) return authz.slice(7);
  return undefined;
}
