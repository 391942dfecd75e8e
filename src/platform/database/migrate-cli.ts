import { validateEnv } from '../config/validate-env';
import { loadEnvFile } from '../config/env-file';
import { AppEnv } from '../config/app.config';
import { openDatabaseServer } from './database-server';
import { runMigrations } from './migrate';

/** `npm run migration:run`: the same migrations the service runs at start-up, on DATABASE_URL or embedded. */
async function main(): Promise<void> {
  loadEnvFile();
  const env = validateEnv(AppEnv, process.env);
  const server = await openDatabaseServer(env);
  try {
    const ran = await runMigrations(server.url);
    process.stdout.write(ran.length ? `Ran migrations: ${ran.join(', ')}\n` : 'No pending migrations\n');
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
