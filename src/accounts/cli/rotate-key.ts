import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { runCli, withMigratedDatabase } from '../../platform/cli/cli';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { NotificationSecretsModule } from '../../notifications/notification-secrets.module';
import { AppEnv, MASTER_KEY_VAR, parseMasterKey } from '../../platform/config/app.config';
import { typeormOptions } from '../../platform/database/typeorm-options';
import { resealAll, Rotated } from '../application/key-rotation';
import { SealedSecretHolder } from '../application/ports/sealed-secret-holder.port';
import { masterKeyPath, replaceMasterKeyFile, resolveMasterKey } from '../../platform/crypto/master-key';
import { AesGcmCredentialCipher } from '../../platform/crypto/aes-gcm.cipher';
import { SqlAccountsStore } from '../infrastructure/persistence/sql-accounts.store';

const NEW_KEY_VAR = 'NEW_PROPROUTER_MASTER_KEY';

interface Plan {
  dataDir: string;
  from: AesGcmCredentialCipher;
  to: AesGcmCredentialCipher;
  newKey: Buffer;
  /** The service finds the new key in the data dir's file (unless the operator manages the env variable). */
  writeFile: boolean;
  envSet: boolean;
}

function plan(env: AppEnv): Plan {
  const configured = env.PROPROUTER_MASTER_KEY?.trim() ? env.PROPROUTER_MASTER_KEY : undefined;
  const from = new AesGcmCredentialCipher(resolveMasterKey({ configured, dataDir: env.PROPROUTER_DATA_DIR }));
  const given = process.env[NEW_KEY_VAR]?.trim();
  const newKey = given ? parseMasterKey(given, NEW_KEY_VAR) : randomBytes(32);
  const to = new AesGcmCredentialCipher(newKey);
  if (to.keyId() === from.keyId()) throw new Error(`${NEW_KEY_VAR} is the current master key`);
  const envSet = configured !== undefined;
  return { dataDir: env.PROPROUTER_DATA_DIR, from, to, newKey, writeFile: !given || !envSet, envSet };
}

/** The other contexts' sealed secrets (notification channels), each through its own module. */
async function otherHolders(): Promise<SealedSecretHolder[]> {
  const notifications = await NestFactory.createApplicationContext(NotificationSecretsModule, {
    logger: false,
  });
  return [notifications.get(SealedSecretHolder)];
}

/** Re-encrypts every row in one transaction; the key file is written inside it and put back if it fails. */
async function rotate(url: string, p: Plan): Promise<Rotated> {
  const holders = await otherHolders();
  const dataSource = await new DataSource(typeormOptions(url, 2)).initialize();
  let undo: (() => void) | null = null;
  try {
    return await new SqlAccountsStore(dataSource).transaction(async (tx) => {
      const rotated = await resealAll(tx, p.from, p.to, 'cli:rotate-key', holders);
      if (p.writeFile) undo = replaceMasterKeyFile(p.dataDir, p.newKey);
      return rotated;
    });
  } catch (err) {
    (undo as (() => void) | null)?.();
    throw err;
  } finally {
    await dataSource.destroy();
  }
}

/**
 * `npm run accounts:rotate-key`: re-encrypts every connection's credentials and every notification channel's
 * secrets under a new master key, in one transaction, on DATABASE_URL or the embedded database. The new key: NEW_PROPROUTER_MASTER_KEY, or one
 * generated and written (0600) to the data dir's master-key file. Keys are never printed.
 * Exit 0: rotated; 1: nothing changed (the reason on stderr).
 */
async function main(): Promise<number> {
  return withMigratedDatabase(async (url, env) => {
    const p = plan(env);
    process.stdout.write(report(await rotate(url, p), p));
    return 0;
  });
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

function report(rotated: Rotated, p: Plan): string {
  const file = masterKeyPath(p.dataDir);
  const lines = [
    `Re-encrypted ${plural(rotated.connections, 'connection')}: master key ${p.from.keyId()} → ${p.to.keyId()}.`,
    ...rotated.others.map((o) => `Re-encrypted ${plural(o.count, o.what)}.`),
  ];
  if (p.writeFile) lines.push(`The new key is in ${file} (0600).`);
  if (p.envSet && p.writeFile)
    lines.push(
      `${MASTER_KEY_VAR} still holds the old key: unset it (the service then reads ${file}) or set it to that file's contents, then restart the service.`,
    );
  else if (p.envSet)
    lines.push(`Set ${MASTER_KEY_VAR} to the new key (${NEW_KEY_VAR}) and restart the service.`);
  else lines.push('Running services read the new key from the file the next time they open credentials.');
  return `${lines.join('\n')}\n`;
}

runCli(main, 'accounts:rotate-key failed, nothing changed: ');
