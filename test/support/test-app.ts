import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../../src/platform/database/migrate';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { configureApp, createHttpAdapter } from '../../src/platform/http/http-adapter';
import { createLogger } from '../../src/platform/logging/logger';
import { PinoNestLogger } from '../../src/platform/logging/pino-nest.logger';
import { ADMIN, TEST_JWT_SECRET } from './service-process';
import { createTestDatabase, TestDatabase } from './test-database';

export { ADMIN };

export interface TestResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are asserted field by field
  body: any;
  headers: Headers;
}

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  baseUrl: string;
  /** fetch against the app; JSON in, parsed JSON out. */
  request(
    method: string,
    path: string,
    opts?: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string },
  ): Promise<TestResponse>;
  login(username?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  label?: string;
  env?: Record<string, string | undefined>;
  /** Swap providers before the app initialises, e.g. `(b) => b.overrideProvider(Clock).useValue(clock)`. */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  db?: TestDatabase;
}

/**
 * The real app, in-process, on a fresh database on the machine's Postgres, listening on a random port.
 * `env` is applied to process.env for the app's lifetime (jest gives each test file its own process.env).
 */
export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const db = opts.db ?? (await createTestDatabase(opts.label));
  Object.assign(process.env, {
    LOG_LEVEL: 'silent',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET: TEST_JWT_SECRET,
    PROPROUTER_DATA_DIR: mkdtempSync(join(tmpdir(), 'pr-test-')),
    ROUTER_ENABLED: 'false',
    // in-process apps read the accounts every event-loop turn: tests insert accounts with SQL too, and
    // look from a second app; the built-service tests run the default (1 s, cleared by the API's writes)
    ACCOUNTS_CACHE_MS: '0',
    // see testServiceEnv: the fakes' TIMEOUT_MS is 2000
    ORDER_SEND_WINDOW_MS: '2000',
    ...opts.env,
  });
  for (const [k, v] of Object.entries(opts.env ?? {})) if (v === undefined) delete process.env[k];
  await runMigrations(db.url);
  const logger = createLogger(process.env.LOG_LEVEL ?? 'silent');
  let builder = Test.createTestingModule({ imports: [AppModule.register({ databaseUrl: db.url })] });
  if (opts.override) builder = opts.override(builder);
  const moduleRef = await builder.compile();
  const app = configureApp(
    moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(logger), {
      logger: new PinoNestLogger(logger),
    }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;

  const request = requester(baseUrl);
  const login = async (username = ADMIN.username, password = ADMIN.password) => {
    const r = await request('POST', '/api/auth/login', { body: { username, password } });
    if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.access_token as string;
  };
  return {
    app,
    db,
    baseUrl,
    request,
    login,
    close: async () => {
      await app.close();
      if (!opts.db) await db.drop();
    },
  };
}

/** fetch against `baseUrl`: JSON in, parsed JSON out (the text when the answer is not JSON). */
function requester(baseUrl: string): TestApp['request'] {
  return async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined = o.raw;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
}
