import { chmodSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openDatabaseServer } from '../../src/platform/database/database-server';

/** The postmasters running on `dataDir` (their command line names it). */
function postmastersOn(dataDir: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return args.some((a) => a.endsWith('postgres')) && args.includes(join(dataDir, 'pg'));
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Start-up work beside the embedded Postgres's boot (main.ts loads the app's modules there). */
describe('embedded Postgres start with work alongside (e2e)', () => {
  jest.setTimeout(120_000);
  const dataDir = () => {
    const parent = mkdtempSync(join(tmpdir(), 'pr-emb-start-'));
    chmodSync(parent, 0o755); // as root, the postgres OS user must traverse it
    return join(parent, 'data');
  };

  it('runs the work once the postmaster exists, and is ready only when both are done', async () => {
    const dir = dataDir();
    const seen: { postmasters: number; finished: boolean }[] = [];
    let finished = false;
    const server = await openDatabaseServer({ PROPROUTER_DATA_DIR: dir }, undefined, async () => {
      seen.push({ postmasters: postmastersOn(dir).length, finished });
      await new Promise((r) => setTimeout(r, 200));
      finished = true;
    });
    try {
      expect(seen).toEqual([{ postmasters: 1, finished: false }]);
      expect(finished).toBe(true);
      const c = new Client({ connectionString: server.url });
      await c.connect();
      expect((await c.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await c.end();
    } finally {
      await server.stop();
    }
    expect(postmastersOn(dir)).toEqual([]);
  });

  it('reports the work failing as it is, and leaves no Postgres running', async () => {
    const dir = dataDir();
    const failing = openDatabaseServer({ PROPROUTER_DATA_DIR: dir }, undefined, async () => {
      throw new Error('app modules failed to load');
    });
    await expect(failing).rejects.toThrow('app modules failed to load');
    expect(postmastersOn(dir)).toEqual([]);
  });
});
