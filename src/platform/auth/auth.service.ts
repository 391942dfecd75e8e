import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import bcrypt from 'bcryptjs';
import { IsNull, Repository } from 'typeorm';
import type { AppConfig } from '../config/app.config';
import { AppError } from '../errors/app-error';
import { ApiKeyEntity } from './api-key.entity';
import type { Principal } from './principal';
import { generateApiKey, generatePassword, hashApiKey } from './secrets';
import { Role, UserEntity } from './user.entity';

const BCRYPT_COST = 10;

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly jwt: JwtService,
    private readonly config: ConfigService,
  ) {}

  /** First admin: from ADMIN_USERNAME/ADMIN_PASSWORD, or generated and printed exactly once. */
  async onApplicationBootstrap(): Promise<void> {
    const app = this.config.getOrThrow<AppConfig>('app');
    if (app.ADMIN_USERNAME && app.ADMIN_PASSWORD) {
      if (await this.users.existsBy({ username: app.ADMIN_USERNAME })) return;
      // ON CONFLICT DO NOTHING: two instances starting at once on one database both get here.
      const created = await this.users
        .createQueryBuilder()
        .insert()
        .values({
          username: app.ADMIN_USERNAME,
          passwordHash: await bcrypt.hash(app.ADMIN_PASSWORD, BCRYPT_COST),
          role: 'admin',
        })
        .orIgnore()
        .execute();
      if (created.identifiers[0])
        this.logger.log(`Created admin user "${app.ADMIN_USERNAME}" from ADMIN_USERNAME`);
      return;
    }
    if ((await this.users.count()) > 0) return;
    const password = generatePassword();
    const inserted = await this.users
      .createQueryBuilder()
      .insert()
      .values({ username: 'admin', passwordHash: await bcrypt.hash(password, BCRYPT_COST), role: 'admin' })
      .orIgnore()
      .execute();
    if (inserted.identifiers.length > 0 && inserted.identifiers[0]) {
      // Deliberately outside the structured log: shown once on the console, never stored in logs.
      process.stdout.write(
        `\n  PropRouter first start: admin user "admin" created with password: ${password}\n` +
          '  Set ADMIN_USERNAME/ADMIN_PASSWORD to choose your own. This password is not shown again.\n\n',
      );
    }
  }

  async createUser(
    username: string,
    password: string,
    role: Role,
  ): Promise<Omit<UserEntity, 'passwordHash'>> {
    if (await this.users.existsBy({ username })) throw AppError.conflict(`User "${username}" already exists`);
    const saved = await this.users.save(
      this.users.create({ username, passwordHash: await bcrypt.hash(password, BCRYPT_COST), role }),
    );
    const { passwordHash: _hidden, ...rest } = saved;
    return rest;
  }

  async login(
    username: string,
    password: string,
  ): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number }> {
    const user = await this.users.findOneBy({ username });
    const ok = user
      ? await bcrypt.compare(password, user.passwordHash)
      : await bcrypt.compare(password, DUMMY_HASH);
    if (!user || !ok) throw new AppError('UNAUTHORIZED', 'Invalid username or password');
    const expiresIn = this.config.getOrThrow<AppConfig>('app').JWT_EXPIRES_IN_S;
    const access_token = await this.jwt.signAsync({ sub: user.username, role: user.role }, { expiresIn });
    return { access_token, token_type: 'Bearer', expires_in: expiresIn };
  }

  async createApiKey(
    name: string,
    role: Role,
    createdBy: string,
  ): Promise<{ key: string; entity: ApiKeyEntity }> {
    const key = generateApiKey();
    const entity = await this.keys.save(
      this.keys.create({
        name,
        role,
        createdBy,
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

  async principalForApiKey(key: string): Promise<Principal | null> {
    const found = await this.keys.findOneBy({ keyHash: hashApiKey(key), revokedAt: IsNull() });
    if (!found) return null;
    void this.keys.update(found.id, { lastUsedAt: new Date() }).catch(() => undefined);
    return { username: `api-key:${found.name}`, role: found.role, via: 'api-key' };
  }
}

// Compared against when the user does not exist, so timing does not reveal which usernames exist.
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.Q4xk6pHbGzB7t7XQ9W4b8pNQwvXW';
