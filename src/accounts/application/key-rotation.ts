import type { AccountsTx } from './ports/accounts-store.port';
import type { SealedSecretHolder } from './ports/sealed-secret-holder.port';
import type { CredentialCipher } from '../../platform/crypto/credential-cipher';

export interface Rotated {
  connections: number;
  /** Per other holder (notification channels): how many rows it re-sealed. */
  others: { what: string; count: number }[];
}

/**
 * Re-encrypts every connection's credentials from one master key to another, then every other context's
 * sealed secrets (`holders`), inside the caller's transaction (all or nothing). A ciphertext that `from`
 * cannot open stops the rotation, naming the row. Each connection is audited with the key ids only.
 */
export async function resealAll(
  tx: AccountsTx,
  from: CredentialCipher,
  to: CredentialCipher,
  actor: string,
  holders: readonly SealedSecretHolder[] = [],
): Promise<Rotated> {
  const rows = await tx.sealedConnections();
  for (const row of rows) {
    let credentials: Record<string, string>;
    try {
      credentials = from.open(row.sealed!);
    } catch (err) {
      throw new Error(
        `Connection ${row.id} (${row.name}): ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const sealed = to.seal(credentials);
    await tx.reseal(row.id, sealed);
    await tx.audit({
      actor,
      action: 'rotate_key',
      entity: 'connection',
      entityId: row.id,
      before: { credentials_key_id: row.sealed!.keyId },
      after: { credentials_key_id: sealed.keyId, credentials_set: row.credentials_set },
    });
  }
  const others: Rotated['others'] = [];
  for (const holder of holders)
    others.push({ what: holder.what, count: await holder.resealAll(tx.statements, from, to) });
  return { connections: rows.length, others };
}
