import type { CredentialCipher } from '../../../platform/crypto/credential-cipher';
import type { SqlStatements } from '../../../platform/database/sql-statements';

/**
 * Another context holding secrets sealed under the master key (notification channels): the key rotation
 * (`npm run accounts:rotate-key`) re-seals them with the connections' credentials, in the same transaction,
 * each holder on its own tables.
 */
export abstract class SealedSecretHolder {
  /** What holds the secrets, for the report: "notification channel". */
  abstract readonly what: string;
  /**
   * Re-seals every secret from `from` to `to` on the rotation's transaction; returns how many rows. A secret
   * `from` cannot open throws, naming its row (the rotation then changes nothing).
   */
  abstract resealAll(sql: SqlStatements, from: CredentialCipher, to: CredentialCipher): Promise<number>;
}
