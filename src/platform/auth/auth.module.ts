import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app.config';
import { Clock } from '../time/clock';
import { ApiAuthGuard } from './api-auth.guard';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeyStrategy } from './api-key.strategy';
import { AuthController } from './auth.controller';
import { AuthAuditEntity } from './auth-audit.entity';
import { AuthAuditService } from './auth-audit.service';
import { AuthService } from './auth.service';
import { JWT_SECRET, LOGIN_LOCKOUTS } from './auth.tokens';
import { JwtStrategy } from './jwt.strategy';
import { LoginLockout, LoginLockouts } from './login-lockout';
import { PasswordHasher } from './password-hasher';
import { resolveJwtSecret } from './secrets';
import { SessionService } from './session.service';
import { UserAdminService } from './user-admin.service';
import { UserEntity } from './user.entity';
import { UsersController } from './users.controller';

const jwtSecretProvider = {
  provide: JWT_SECRET,
  inject: [ConfigService],
  useFactory: (config: ConfigService) => {
    const app = config.getOrThrow<AppConfig>('app');
    return resolveJwtSecret(app.JWT_SECRET, app.PROPROUTER_DATA_DIR);
  },
};

const loginLockoutsProvider = {
  provide: LOGIN_LOCKOUTS,
  inject: [ConfigService, Clock],
  useFactory: (config: ConfigService, clock: Clock): LoginLockouts => {
    const app = config.getOrThrow<AppConfig>('app');
    const delays = { baseS: app.LOGIN_LOCKOUT_BASE_S, maxS: app.LOGIN_LOCKOUT_MAX_S };
    const now = () => clock.now().getTime();
    return {
      byUsername: new LoginLockout({ ...delays, after: app.LOGIN_LOCKOUT_AFTER }, now),
      byClient: new LoginLockout({ ...delays, after: app.LOGIN_LOCKOUT_CLIENT_AFTER }, now),
    };
  },
};

@Module({
  imports: [
    PassportModule,
    TypeOrmModule.forFeature([UserEntity, ApiKeyEntity, AuthAuditEntity]),
    JwtModule.registerAsync({
      extraProviders: [jwtSecretProvider],
      inject: [JWT_SECRET],
      useFactory: (secret: string) => ({ secret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    jwtSecretProvider,
    loginLockoutsProvider,
    PasswordHasher,
    SessionService,
    AuthService,
    UserAdminService,
    AuthAuditService,
    JwtStrategy,
    ApiKeyStrategy,
    { provide: APP_GUARD, useClass: ApiAuthGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
