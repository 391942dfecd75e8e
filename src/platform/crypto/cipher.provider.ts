import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/app.config';
import { CredentialCipher } from './credential-cipher';
import { resolveMasterKey } from './master-key';
import { AesGcmCredentialCipher } from './aes-gcm.cipher';

/**
 * The cipher under PROPROUTER_MASTER_KEY, or the data dir's key (generated on first start). Without the env
 * variable, a ciphertext under another key makes it re-read the file once (a rotation by the CLI).
 */
export const credentialCipherProvider: Provider = {
  provide: CredentialCipher,
  inject: [ConfigService],
  useFactory: (config: ConfigService) => {
    const app = config.getOrThrow<AppConfig>('app');
    const source = { configured: app.PROPROUTER_MASTER_KEY, dataDir: app.PROPROUTER_DATA_DIR };
    const fromFile = source.configured === undefined || source.configured.trim() === '';
    return new AesGcmCredentialCipher(
      resolveMasterKey(source),
      fromFile ? () => resolveMasterKey(source) : undefined,
    );
  },
};
