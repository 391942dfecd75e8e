import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { appConfig } from './config/app.config';
import { FirmEnvReader } from './config/firm-env.reader';
import { credentialCipherProvider } from './crypto/cipher.provider';
import { CredentialCipher } from './crypto/credential-cipher';
import { Clock, SystemClock } from './time/clock';

/**
 * Typed configuration, the per-firm env reader, the clock and the secrets cipher (AES-256-GCM under the master
 * key: platform credentials, notification channel secrets), shared by every context.
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig], cache: true })],
  providers: [
    { provide: FirmEnvReader, useFactory: () => new FirmEnvReader(process.env) },
    { provide: Clock, useClass: SystemClock },
    credentialCipherProvider,
  ],
  exports: [FirmEnvReader, Clock, CredentialCipher],
})
export class PlatformModule {}
