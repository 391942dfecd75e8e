import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { AppError } from '../errors/app-error';
import { ApiKeyEntity } from './api-key.entity';
import { AuthAuditAction, AuthAuditEntity } from './auth-audit.entity';
import { PasswordHasher } from './password-hasher';
import { normalizePassword, passwordProblems } from './password-policy';
import type { Principal } from './principal';
import { Role, UserEntity } from './user.entity';

export type UserView = Omit<UserEntity, 'passwordHash' | 'sessionVersion'>;
export interface UserChange {
  role?: Role;
  enabled?: boolean;
  password?: string;
}

// pg_advisory_xact_lock key: user administration runs one call at a time, so two admins demoting each
// other at once cannot both pass the last-admin check.
const USER_ADMIN_LOCK = 4_711_012;

/** Adding, changing and removing users: each call audited, the last enabled admin always kept. */
@Injectable()
export class UserAdminService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly hasher: PasswordHasher,
  ) {}

  async list(): Promise<UserView[]> {
    return (await this.users.find({ order: { id: 'ASC' } })).map(view);
  }

  async create(username: string, password: string, role: Role, actor: Principal): Promise<UserView> {
    const passwordHash = await this.newHash(password);
    return this.users.manager.transaction(async (m) => {
      if (await m.existsBy(UserEntity, { username }))
        throw AppError.conflict(`User "${username}" already exists`);
      const saved = view(await m.save(m.create(UserEntity, { username, passwordHash, role })));
      await audit(m, actor, 'user.create', saved, null, auditable(saved));
      return saved;
    });
  }

  /** A password change or a disable ends the user's sessions (tokens carry the session version). */
  async update(id: number, change: UserChange, actor: Principal): Promise<UserView> {
    const passwordHash = change.password === undefined ? undefined : await this.newHash(change.password);
    return this.users.manager.transaction(async (m) => {
      const user = await lockedUser(m, id);
      const before = auditable(user);
      const next = { role: change.role ?? user.role, enabled: change.enabled ?? user.enabled };
      if (user.role === 'admin' && user.enabled && (next.role !== 'admin' || !next.enabled))
        await keepAnAdmin(m, user, next.enabled ? 'demote' : 'disable');
      const endSessions = passwordHash !== undefined || (user.enabled && !next.enabled);
      Object.assign(user, next, passwordHash ? { passwordHash } : {});
      if (endSessions) user.sessionVersion += 1;
      const saved = view(await m.save(user));
      const after = { ...auditable(saved), ...(passwordHash ? { password_changed: true } : {}) };
      await audit(m, actor, 'user.update', saved, before, after);
      return saved;
    });
  }

  /** The user's API keys are revoked with it (they would stop working anyway: they need their owner). */
  async remove(id: number, actor: Principal): Promise<UserView> {
    return this.users.manager.transaction(async (m) => {
      const user = await lockedUser(m, id);
      if (user.role === 'admin' && user.enabled) await keepAnAdmin(m, user, 'delete');
      await m.update(ApiKeyEntity, { ownerId: id, revokedAt: IsNull() }, { revokedAt: new Date() });
      await m.delete(UserEntity, { id });
      const gone = view(user);
      await audit(m, actor, 'user.delete', gone, auditable(gone), null);
      return gone;
    });
  }

  private async newHash(password: string): Promise<string> {
    const normalized = normalizePassword(password);
    const problems = passwordProblems(normalized);
    if (problems.length) throw AppError.validation(problems);
    return this.hasher.hash(normalized);
  }
}

async function lockedUser(m: EntityManager, id: number): Promise<UserEntity> {
  await m.query('SELECT pg_advisory_xact_lock($1)', [USER_ADMIN_LOCK]);
  const user = await m.findOneBy(UserEntity, { id });
  if (!user) throw AppError.notFound(`User ${id}`);
  return user;
}

async function keepAnAdmin(m: EntityManager, user: UserEntity, what: string): Promise<void> {
  const others = await m.count(UserEntity, { where: { role: 'admin', enabled: true } });
  if (others <= 1) throw AppError.conflict(`Cannot ${what} "${user.username}": it is the last enabled admin`);
}

function view(u: UserEntity): UserView {
  const { passwordHash: _hash, sessionVersion: _version, ...rest } = u;
  return rest;
}

function auditable(u: UserView): Record<string, unknown> {
  return { username: u.username, role: u.role, enabled: u.enabled };
}

async function audit(
  m: EntityManager,
  actor: Principal,
  action: AuthAuditAction,
  target: UserView,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Promise<void> {
  await m.save(AuthAuditEntity, {
    actor: actor.username,
    action,
    targetUserId: target.id,
    targetUsername: target.username,
    before,
    after,
  });
}
