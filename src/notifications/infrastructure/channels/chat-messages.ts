import { TELEGRAM_API } from '../../domain/channel-types';
import type { Secrets, Settings } from '../../domain/channel-validation';
import type { RenderedMessage } from '../../domain/notification-event';

/** A POST to a chat service: where, and the JSON body it documents. */
export interface ChatRequest {
  url: string;
  body: object;
  describe: (body: unknown) => string | null;
}

const telegramError = (b: unknown) => (b as { description?: string } | null)?.description ?? null;
const discordError = (b: unknown) => (b as { message?: string } | null)?.message ?? null;

/** Telegram Bot API sendMessage: plain text (no parse mode, nothing to escape), link previews off. */
export function telegramRequest(settings: Settings, secrets: Secrets, m: RenderedMessage): ChatRequest {
  const base = String(settings.api_base_url ?? TELEGRAM_API).replace(/\/+$/, '');
  return {
    url: `${base}/bot${secrets.bot_token}/sendMessage`,
    body: { chat_id: settings.chat_id, text: `${m.title}\n${m.text}`, disable_web_page_preview: true },
    describe: telegramError,
  };
}

/** Discord execute-webhook: `content` (≤ 2000 characters), mentions disabled. */
export function discordRequest(secrets: Secrets, m: RenderedMessage): ChatRequest {
  return {
    url: secrets.webhook_url,
    body: { content: `**${m.title}**\n${m.text}`.slice(0, 2000), allowed_mentions: { parse: [] } },
    describe: discordError,
  };
}

/** Slack incoming webhook: `text` in mrkdwn. */
export function slackRequest(secrets: Secrets, m: RenderedMessage): ChatRequest {
  return { url: secrets.webhook_url, body: { text: `*${m.title}*\n${m.text}` }, describe: () => null };
}
