import { Injectable } from '@nestjs/common';
import { SealedSecretHolder } from '../../../accounts/application/ports/sealed-secret-holder.port';
import type { CredentialCipher } from '../../../platform/crypto/credential-cipher';
import type { SqlStatements } from '../../../platform/database/sql-statements';

interface SealedRow {
  id: number;
  name: string;
  secrets_key_id: string;
  secrets_ciphertext: string;
}

/** The notification channels' secrets (bot tokens, webhook URLs, SMTP passwords), re-sealed on a key rotation. */
@Injectable()
export class ChannelSecretsResealer extends SealedSecretHolder {
  readonly what = 'notification channel';

  async resealAll(sql: SqlStatements, from: CredentialCipher, to: CredentialCipher): Promise<number> {
    const rows = await sql.query<SealedRow>(
      `SELECT id, name, secrets_key_id, secrets_ciphertext FROM notification_channels ORDER BY id FOR UPDATE`,
    );
    for (const row of rows) {
      let secrets: Record<string, string>;
      try {
        secrets = from.open({ keyId: row.secrets_key_id, ciphertext: row.secrets_ciphertext });
      } catch (err) {
        throw new Error(`Notification channel ${row.id} (${row.name}): ${(err as Error).message}`);
      }
      const sealed = to.seal(secrets);
      await sql.query(
        `UPDATE notification_channels SET secrets_key_id = $2, secrets_ciphertext = $3, updated_at = now()
         WHERE id = $1`,
        [row.id, sealed.keyId, sealed.ciphertext],
      );
    }
    return rows.length;
  }
}
