import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';
import type { Principal } from './principal';
import { hashApiKey } from './secrets';
import { Role, UserEntity } from './user.entity';

interface UserRow {
  username: string;
  role: Role;
  enabled: boolean;
  session_version: number;
}

interface KeyRow {
  id: number;
  name: string;
  key_role: Role;
  owner_id: number;
  owner_role: Role;
}

/**
 * The per-request check of a credential against the user it belongs to: one primary-key read for a token
 * (no cache: several processes may share the database, and a disabled user must be out at the next
 * request), and the key's row joined with its owner's for an API key.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
  ) {}

  async principalForToken(userId: number, sessionVersion: number): Promise<Principal | null> {
    const rows: UserRow[] = await this.users.query(
      'SELECT username, role, enabled, session_version FROM users WHERE id = $1',
      [userId],
    );
    const user = rows[0];
    if (!user || !user.enabled || user.session_version !== sessionVersion) return null;
    return { userId, username: user.username, role: user.role, via: 'jwt' };
  }

  /** A key works while it is not revoked and its owner exists and is enabled; never above the owner's role. */
  async principalForApiKey(key: string): Promise<Principal | null> {
    const rows: KeyRow[] = await this.keys.query(
      `SELECT k.id, k.name, k.role AS key_role, u.id AS owner_id, u.role AS owner_role
       FROM api_keys k JOIN users u ON u.id = k.owner_id
       WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND u.enabled`,
      [hashApiKey(key)],
    );
    const found = rows[0];
    if (!found) return null;
    void this.keys.update(found.id, { lastUsedAt: new Date() }).catch(() => undefined);
    const role: Role = found.key_role === 'admin' && found.owner_role === 'admin' ? 'admin' : 'viewer';
    return { userId: found.owner_id, username: `api-key:${found.name}`, role, via: 'api-key' };
  }
}
