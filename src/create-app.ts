import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { AppEnv } from './platform/config/app.config';
import { validateEnv } from './platform/config/validate-env';
import { configureApp, createHttpAdapter } from './platform/http/http-adapter';
import { createLogger } from './platform/logging/logger';
import { PinoNestLogger } from './platform/logging/pino-nest.logger';

export interface CreateAppOptions {
  databaseUrl: string;
  logger?: Logger;
  preview?: boolean;
}

/**
 * The composition root: the Nest app of every context on the context-free Fastify adapter. Used by
 * main.ts and the OpenAPI writer; beside them, not in platform/, because it knows every context.
 */
export async function createApp(opts: CreateAppOptions): Promise<NestFastifyApplication> {
  const logger = opts.logger ?? createLogger(validateEnv(AppEnv, process.env).LOG_LEVEL);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ databaseUrl: opts.databaseUrl }),
    createHttpAdapter(logger),
    { logger: new PinoNestLogger(logger), preview: opts.preview ?? false, abortOnError: false },
  );
  return configureApp(app);
}
