import { EmbeddedDatabase } from './embedded-database';

export interface DatabaseServer {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL set: that server. Unset: the embedded cluster under the data dir. */
export async function openDatabaseServer(
  env: { DATABASE_URL?: string; PROPROUTER_DATA_DIR: string },
  notice?: (message: string) => void,
): Promise<DatabaseServer> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, stop: async () => undefined };
  const db = new EmbeddedDatabase({ dataDir: env.PROPROUTER_DATA_DIR, notice });
  const url = await db.start();
  return { url, embedded: true, stop: () => db.stop() };
}
