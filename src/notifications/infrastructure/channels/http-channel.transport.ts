import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../../platform/time/clock';
import { NOTIFY_SETTINGS, type NotifySettings } from '../../application/notify-settings';
import { ChannelTransport, OpenChannel, SendOutcome } from '../../application/ports/channel-transport.port';
import type { NotificationEvent, RenderedMessage } from '../../domain/notification-event';
import { ChatRequest, discordRequest, slackRequest, telegramRequest } from './chat-messages';
import { sendEmail } from './email.sender';
import { postJson } from './http-post';
import { signedWebhook } from './signed-webhook';

/** Every channel type: the chat services and the signed webhook over HTTPS, email over SMTP. */
@Injectable()
export class HttpChannelTransport extends ChannelTransport {
  constructor(
    @Inject(NOTIFY_SETTINGS) private readonly settings: NotifySettings,
    private readonly clock: Clock,
  ) {
    super();
  }

  send(channel: OpenChannel, message: RenderedMessage, event: NotificationEvent): Promise<SendOutcome> {
    const timeoutMs = this.settings.sendTimeoutMs;
    const { settings, secrets } = channel;
    switch (channel.type) {
      case 'telegram':
        return this.chat(telegramRequest(settings, secrets, message), timeoutMs);
      case 'discord':
        return this.chat(discordRequest(secrets, message), timeoutMs);
      case 'slack':
        return this.chat(slackRequest(secrets, message), timeoutMs);
      case 'webhook': {
        const signed = signedWebhook(event, message, secrets.signing_secret, this.clock.now());
        return postJson(secrets.url, signed.body, { timeoutMs, headers: signed.headers });
      }
      case 'email':
        return sendEmail(settings, secrets, message, timeoutMs);
    }
  }

  private chat(r: ChatRequest, timeoutMs: number): Promise<SendOutcome> {
    return postJson(r.url, JSON.stringify(r.body), { timeoutMs, describe: r.describe });
  }
}
