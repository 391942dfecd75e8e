import type { AccountsTx } from './ports/accounts-store.port';
import type { CredentialCipher } from '../../platform/crypto/credential-cipher';

/**
 * Re-encrypts every connection's credentials from one master key to another, inside the caller's
 * transaction (all or nothing). A ciphertext that `from` cannot open stops the rotation, naming the row.
 * Each row is audited with the key ids only.
 */
export async function resealAll(
  tx: AccountsTx,
  from: CredentialCipher,
  to: CredentialCipher,
  actor: string,
): Promise<number> {
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
  return rows.length;
}
