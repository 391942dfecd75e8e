import { Injectable } from '@nestjs/common';
import { CredentialCipher } from '../../platform/crypto/credential-cipher';
import type { Secrets } from '../domain/channel-validation';
import type { NotificationEvent } from '../domain/notification-event';
import { redactSecrets } from '../domain/redact-secrets';
import { renderMessage } from '../domain/render-message';
import { ChannelStore, StoredChannel } from './ports/channel-store.port';
import { ChannelTransport, SendOutcome } from './ports/channel-transport.port';

/**
 * One send of one event over one channel: secrets opened for the send only, the message rendered, the
 * outcome's error redacted of the secrets and recorded on the channel (its failure count, its last error).
 */
@Injectable()
export class ChannelDelivery {
  constructor(
    private readonly cipher: CredentialCipher,
    private readonly transport: ChannelTransport,
    private readonly channels: ChannelStore,
  ) {}

  async send(
    channel: StoredChannel,
    event: NotificationEvent,
    publicUrl: string | null,
  ): Promise<SendOutcome> {
    let secrets: Secrets;
    try {
      secrets = this.cipher.open(channel.sealed);
    } catch (err) {
      return this.record(
        channel,
        { ok: false, status: null, error: (err as Error).message, retryAfterMs: null },
        {},
      );
    }
    let outcome: SendOutcome;
    try {
      const message = renderMessage(event, publicUrl);
      outcome = await this.transport.send(
        { type: channel.type, settings: channel.settings, secrets },
        message,
        event,
      );
    } catch (err) {
      outcome = {
        ok: false,
        status: null,
        error: err instanceof Error ? err.message : String(err),
        retryAfterMs: null,
      };
    }
    return this.record(channel, outcome, secrets);
  }

  private async record(channel: StoredChannel, outcome: SendOutcome, secrets: Secrets): Promise<SendOutcome> {
    if (outcome.ok) {
      await this.channels.recordAttempt(channel.id, true, null);
      return outcome;
    }
    const safe = { ...outcome, error: redactSecrets(outcome.error, secrets) };
    if (safe.retryAfterMs !== null)
      await this.channels.pause(channel.id, new Date(Date.now() + safe.retryAfterMs));
    else await this.channels.recordAttempt(channel.id, false, safe.error);
    return safe;
  }
}
