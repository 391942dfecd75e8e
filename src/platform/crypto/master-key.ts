import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MASTER_KEY_VAR, parseMasterKey } from '../config/app.config';

export const MASTER_KEY_FILE = 'master-key';

/** Where the generated master key is kept. */
export function masterKeyPath(dataDir: string): string {
  return join(resolve(dataDir), MASTER_KEY_FILE);
}

/** Where the master key comes from: PROPROUTER_MASTER_KEY, or the data dir's file. */
export interface MasterKeySource {
  configured: string | undefined;
  dataDir: string;
}

/**
 * PROPROUTER_MASTER_KEY, or the key kept (0600) in the data dir, generated on first use. The file is
 * created exclusively, so processes starting together agree on one key.
 */
export function resolveMasterKey(source: MasterKeySource): Buffer {
  if (source.configured !== undefined && source.configured.trim() !== '')
    return parseMasterKey(source.configured, MASTER_KEY_VAR);
  const file = masterKeyPath(source.dataDir);
  if (!existsSync(file)) {
    mkdirSync(resolve(source.dataDir), { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return parseMasterKey(readFileSync(file, 'utf8'), file);
}

/** Writes `key` as the data dir's master key, atomically (a temporary file renamed over it), 0600. */
export function writeMasterKeyFile(dataDir: string, key: Buffer): void {
  const file = masterKeyPath(dataDir);
  mkdirSync(resolve(dataDir), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${key.toString('base64')}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** Writes `key` as the data dir's master key and returns how to put the previous file back (or remove it). */
export function replaceMasterKeyFile(dataDir: string, key: Buffer): () => void {
  const file = masterKeyPath(dataDir);
  const previous = existsSync(file) ? readFileSync(file) : null;
  writeMasterKeyFile(dataDir, key);
  return () => {
    if (previous === null) rmSync(file, { force: true });
    else writeFileSync(file, previous, { mode: 0o600 });
  };
}
