import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AccountsStore } from './ports/accounts-store.port';
import { CredentialCipher } from '../../platform/crypto/credential-cipher';

/**
 * At start-up: are the stored credentials sealed under the key this process holds? Several processes on
 * one database need the same PROPROUTER_MASTER_KEY (or one data dir); a mismatch is logged loudly, with key
 * ids only, and the service still starts (env-configured firms keep working).
 */
@Injectable()
export class MasterKeyCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly store: AccountsStore,
    private readonly cipher: CredentialCipher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const foreign = (await this.store.keyIdsInUse()).filter((k) => k.keyId !== this.cipher.keyId());
    if (foreign.length === 0) return;
    const list = foreign.map((k) => `${k.connections} under key ${k.keyId}`).join(', ');
    this.logger.error(
      `Stored platform credentials cannot be opened with this process's master key ${this.cipher.keyId()}: ${list}. ` +
        'Set PROPROUTER_MASTER_KEY to the key that sealed them (every process on one database needs the same key).',
    );
  }
}
