import { Module } from '@nestjs/common';
import { SealedSecretHolder } from '../accounts/application/ports/sealed-secret-holder.port';
import { ChannelSecretsResealer } from './infrastructure/persistence/channel-secrets.resealer';

/**
 * What the master key rotation (`npm run accounts:rotate-key`) needs of notifications: the channels' sealed
 * secrets, re-sealed on the rotation's own transaction. Depends on nothing, so the CLI boots it alone.
 */
@Module({
  providers: [{ provide: SealedSecretHolder, useClass: ChannelSecretsResealer }],
  exports: [SealedSecretHolder],
})
export class NotificationSecretsModule {}
