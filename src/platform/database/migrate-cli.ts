import { runCli, withMigratedDatabase } from '../cli/cli';

/** `npm run migration:run`: the same migrations the service runs at start-up, on DATABASE_URL or embedded. */
runCli(() =>
  withMigratedDatabase(async (_url, _env, ran) => {
    process.stdout.write(ran.length ? `Ran migrations: ${ran.join(', ')}\n` : 'No pending migrations\n');
    return 0;
  }),
);
