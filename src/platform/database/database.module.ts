import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app.config';
import { PgSql } from './pg-sql';
import { typeormOptions } from './typeorm-options';

export const DATABASE_URL = Symbol('DATABASE_URL');

/** TypeORM on the URL resolved at bootstrap (a real server, or the embedded one), and plain SQL on its pool. */
@Global()
@Module({})
export class DatabaseModule {
  static forUrl(url: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            ...typeormOptions(url, config.getOrThrow<AppConfig>('app').DB_POOL_SIZE),
            autoLoadEntities: true,
            retryAttempts: 3,
            retryDelay: 500,
          }),
        }),
      ],
      providers: [{ provide: DATABASE_URL, useValue: url }, PgSql],
      exports: [DATABASE_URL, PgSql],
    };
  }
}
