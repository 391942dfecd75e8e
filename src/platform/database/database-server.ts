import { EmbeddedDatabase } from './embedded-database';

export interface DatabaseServer {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL set: that server. Unset: the embedded cluster under the data dir. `alongside` (other
 * start-up work) runs while the embedded Postgres boots in its own process, or at once for a URL.
 */
export async function openDatabaseServer(
  env: { DATABASE_URL?: string; PROPROUTER_DATA_DIR: string },
  notice?: (message: string) => void,
  alongside: () => Promise<void> = async () => undefined,
): Promise<DatabaseServer> {
  if (env.DATABASE_URL) {
    await alongside();
    return { url: env.DATABASE_URL, embedded: false, stop: async () => undefined };
  }
  const db = new EmbeddedDatabase({ dataDir: env.PROPROUTER_DATA_DIR, notice });
  const url = await db.start(alongside).catch(async (err: unknown) => {
    await db.stop().catch(() => undefined);
    throw err;
  });
  return { url, embedded: true, stop: () => db.stop() };
}
