export const CHANNEL_TYPES = ['telegram', 'discord', 'slack', 'webhook', 'email'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

type FieldKind = 'text' | 'url' | 'int' | 'bool' | 'emails' | 'email';

interface FieldSpec {
  kind: FieldKind;
  required?: boolean;
  /** for secrets: at least this many characters */
  min?: number;
}

/** Per type, the settings shown in the API and the secrets (sealed, write-only). */
export const CHANNEL_FIELDS: Record<
  ChannelType,
  { settings: Record<string, FieldSpec>; secrets: Record<string, FieldSpec> }
> = {
  telegram: {
    settings: { chat_id: { kind: 'text', required: true }, api_base_url: { kind: 'url' } },
    secrets: { bot_token: { kind: 'text', required: true } },
  },
  discord: { settings: {}, secrets: { webhook_url: { kind: 'url', required: true } } },
  slack: { settings: {}, secrets: { webhook_url: { kind: 'url', required: true } } },
  webhook: {
    settings: {},
    secrets: {
      url: { kind: 'url', required: true },
      signing_secret: { kind: 'text', required: true, min: 16 },
    },
  },
  email: {
    settings: {
      host: { kind: 'text', required: true },
      port: { kind: 'int' },
      secure: { kind: 'bool' },
      from: { kind: 'email', required: true },
      to: { kind: 'emails', required: true },
      username: { kind: 'text' },
    },
    secrets: { password: { kind: 'text' } },
  },
};

export const TELEGRAM_API = 'https://api.telegram.org';

export function isChannelType(v: unknown): v is ChannelType {
  return typeof v === 'string' && (CHANNEL_TYPES as readonly string[]).includes(v);
}

export type { FieldSpec, FieldKind };
