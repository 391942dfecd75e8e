import { writeFileSync } from 'node:fs';
import { createApp } from './create-app';
import { createLogger } from './platform/logging/logger';
import { buildOpenApiDocument } from './platform/openapi/openapi';

/** `npm run openapi`: writes openapi.json without opening a port or a database connection. */
async function main(): Promise<void> {
  const out = process.argv[2] ?? 'openapi.json';
  const app = await createApp({
    databaseUrl: 'postgresql://unused@127.0.0.1:1/unused',
    preview: true,
    logger: createLogger('error'),
  });
  writeFileSync(out, JSON.stringify(buildOpenApiDocument(app), null, 2) + '\n');
  await app.close();
  process.stdout.write(`Wrote ${out}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
