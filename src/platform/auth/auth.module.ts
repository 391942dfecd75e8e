import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app.config';
import { ApiAuthGuard } from './api-auth.guard';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeyStrategy } from './api-key.strategy';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JWT_SECRET } from './auth.tokens';
import { JwtStrategy } from './jwt.strategy';
import { resolveJwtSecret } from './secrets';
import { UserEntity } from './user.entity';

const jwtSecretProvider = {
  provide: JWT_SECRET,
  inject: [ConfigService],
  useFactory: (config: ConfigService) => {
    const app = config.getOrThrow<AppConfig>('app');
    return resolveJwtSecret(app.JWT_SECRET, app.PROPROUTER_DATA_DIR);
  },
};

@Module({
  imports: [
    PassportModule,
    TypeOrmModule.forFeature([UserEntity, ApiKeyEntity]),
    JwtModule.registerAsync({
      extraProviders: [jwtSecretProvider],
      inject: [JWT_SECRET],
      useFactory: (secret: string) => ({ secret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    jwtSecretProvider,
    AuthService,
    JwtStrategy,
    ApiKeyStrategy,
    { provide: APP_GUARD, useClass: ApiAuthGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
