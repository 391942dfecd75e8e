import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AppConfig } from '../config/app.config';
import { AppError } from '../errors/app-error';
import { ApiKeyEntity } from './api-key.entity';
import { LOGIN_LOCKOUTS } from './auth.tokens';
import type { TokenClaims } from './jwt.strategy';
import type { LoginLockouts } from './login-lockout';
import { PasswordHasher } from './password-hasher';
import { normalizePassword } from './password-policy';
import type { Principal } from './principal';
import { generateApiKey, generatePassword, hashApiKey } from './secrets';
import { Role, UserEntity } from './user.entity';

export interface LoginResult {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly jwt: JwtService,
    private readonly config: ConfigService,
    private readonly hasher: PasswordHasher,
    @Inject(LOGIN_LOCKOUTS) private readonly lockouts: LoginLockouts,
  ) {}

  /** First admin: from ADMIN_USERNAME/ADMIN_PASSWORD, or generated and printed exactly once. */
  async onApplicationBootstrap(): Promise<void> {
    const app = this.config.getOrThrow<AppConfig>('app');
    if (app.ADMIN_USERNAME && app.ADMIN_PASSWORD) {
      if (await this.users.existsBy({ username: app.ADMIN_USERNAME })) return;
      if (await this.insertAdmin(app.ADMIN_USERNAME, app.ADMIN_PASSWORD))
        this.logger.log(`Created admin user "${app.ADMIN_USERNAME}" from ADMIN_USERNAME`);
      return;
    }
    if ((await this.users.count()) > 0) return;
    const password = generatePassword();
    if (await this.insertAdmin('admin', password)) {
      // Deliberately outside the structured log: shown once on the console, never stored in logs.
      process.stdout.write(
        `\n  PropRouter first start: admin user "admin" created with password: ${password}\n` +
          '  Set ADMIN_USERNAME/ADMIN_PASSWORD to choose your own. This password is not shown again.\n\n',
      );
    }
  }

  /** ON CONFLICT DO NOTHING: two instances starting at once on one database both get here. */
  private async insertAdmin(username: string, password: string): Promise<boolean> {
    const passwordHash = await this.hasher.hash(normalizePassword(password));
    const inserted = await this.users
      .createQueryBuilder()
      .insert()
      .values({ username, passwordHash, role: 'admin' })
      .orIgnore()
      .execute();
    return inserted.identifiers.length > 0 && !!inserted.identifiers[0];
  }

  /**
   * A locked username or client answers 429 without a password check. A failure counts against both; a
   * success clears the username's count (not the client's: one known account must not reset a guesser).
   */
  async login(username: string, password: string, clientIp: string): Promise<LoginResult> {
    const { byUsername, byClient } = this.lockouts;
    const lockedFor = () => Math.max(byUsername.retryAfterS(username), byClient.retryAfterS(clientIp));
    const refusal = (wait: number) =>
      AppError.tooManyRequests(`Too many failed logins: try again in ${wait} s`, wait);
    if (lockedFor() > 0) throw refusal(lockedFor());
    const given = normalizePassword(password);
    const user = await this.users.findOneBy({ username });
    // checked again when the hash's turn comes: a burst queued behind the lock costs no hashing
    const unlocked = () => lockedFor() === 0;
    const ok =
      user && user.enabled
        ? await this.hasher.verify(user.passwordHash, given, unlocked)
        : await this.hasher.verifyNothing(given, unlocked);
    if (ok === null) throw refusal(lockedFor());
    if (!user || !ok) {
      byUsername.recordFailure(username);
      byClient.recordFailure(clientIp);
      throw new AppError('UNAUTHORIZED', 'Invalid username or password');
    }
    byUsername.recordSuccess(username);
    if (this.hasher.needsRehash(user.passwordHash)) await this.rehash(user, given);
    const expiresIn = this.config.getOrThrow<AppConfig>('app').JWT_EXPIRES_IN_S;
    const claims: Omit<TokenClaims, 'exp'> = { sub: String(user.id), ver: user.sessionVersion };
    const access_token = await this.jwt.signAsync(claims, { expiresIn });
    return { access_token, token_type: 'Bearer', expires_in: expiresIn };
  }

  /** A bcrypt hash from before issue 12 becomes argon2id once its password is known (not a password change). */
  private async rehash(user: UserEntity, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    await this.users.update({ id: user.id, passwordHash: user.passwordHash }, { passwordHash });
    this.logger.log(`Rehashed the password of user ${user.id} with argon2id`);
  }

  async createApiKey(
    name: string,
    role: Role,
    creator: Principal,
  ): Promise<{ key: string; entity: ApiKeyEntity }> {
    const key = generateApiKey();
    const entity = await this.keys.save(
      this.keys.create({
        name,
        role,
        createdBy: creator.username,
        ownerId: creator.userId,
        prefix: key.slice(0, 10),
        keyHash: hashApiKey(key),
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
    return { key, entity };
  }

  listApiKeys(): Promise<ApiKeyEntity[]> {
    return this.keys.find({ order: { id: 'ASC' } });
  }

  async revokeApiKey(id: number): Promise<ApiKeyEntity> {
    const key = await this.keys.findOneBy({ id });
    if (!key) throw AppError.notFound(`API key ${id}`);
    if (!key.revokedAt) {
      key.revokedAt = new Date();
      await this.keys.save(key);
    }
    return key;
  }
}
