import { useState, type FormEvent } from 'react';
import { api, errorText, type Schemas } from '../api/client';

type Channel = Schemas['ChannelResponseDto'];
type Account = Schemas['AccountResponseDto'];
type Body = Schemas['CreateChannelRequestDto'];
export type ChannelType = Body['type'];
type Kind = NonNullable<Body['events']>[number];

interface Field {
  key: string;
  label: string;
  kind?: 'text' | 'url' | 'email' | 'number' | 'checkbox' | 'list';
  placeholder?: string;
}

/** Per channel type, its settings (shown in answers) and its secrets (write-only): the API's description. */
export const CHANNEL_FORM: Record<ChannelType, { label: string; settings: Field[]; secrets: Field[] }> = {
  telegram: {
    label: 'Telegram',
    settings: [
      { key: 'chat_id', label: 'Chat id', placeholder: '123456789' },
      { key: 'api_base_url', label: 'API base URL', kind: 'url', placeholder: 'https://api.telegram.org' },
    ],
    secrets: [{ key: 'bot_token', label: 'Bot token' }],
  },
  discord: { label: 'Discord', settings: [], secrets: [{ key: 'webhook_url', label: 'Webhook URL' }] },
  slack: { label: 'Slack', settings: [], secrets: [{ key: 'webhook_url', label: 'Webhook URL' }] },
  webhook: {
    label: 'Signed webhook',
    settings: [],
    secrets: [
      { key: 'url', label: 'URL' },
      { key: 'signing_secret', label: 'Signing secret (16+ characters)' },
    ],
  },
  email: {
    label: 'Email (SMTP)',
    settings: [
      { key: 'host', label: 'SMTP host', placeholder: 'smtp.example.com' },
      { key: 'port', label: 'Port', kind: 'number', placeholder: '587' },
      { key: 'secure', label: 'TLS from the start (port 465)', kind: 'checkbox' },
      { key: 'from', label: 'From', kind: 'email' },
      { key: 'to', label: 'To (comma-separated)', kind: 'list' },
      { key: 'username', label: 'Username' },
    ],
    secrets: [{ key: 'password', label: 'Password' }],
  },
};

/** Every event kind a channel can get, in words (a Record: a kind the API adds must be named here). */
export const KIND_LABELS: Record<Kind, string> = {
  'order.failed': 'Order failed',
  'entry.rejected': 'Entry rejected by a risk rule',
  'halt.set': 'Halt set',
  'halt.cleared': 'Halt cleared',
  'account.flattened': 'Account flattened',
  'limit.approaching': 'Loss limit approaching',
  'connection.down': 'Connection down',
  'connection.login_failed': 'Login failed',
  'connection.token_renewal_failed': 'Token renewal failed',
  'sync.drift': 'Position drift',
  'heartbeat.silent': 'No alert for a while',
  'daily.summary': 'Daily summary',
};
const KINDS = Object.keys(KIND_LABELS) as Kind[];
const DEFAULT_KINDS = KINDS.filter((k) => k !== 'entry.rejected');

/** A stored setting as the form's text (lists comma-separated). */
function shown(v: unknown): string {
  if (v === undefined || v === null) return '';
  return Array.isArray(v) ? v.join(', ') : String(v);
}

/** The form's text as the API's value: null (removed) when empty. */
function setting(f: Field, text: string): unknown {
  if (f.kind === 'checkbox') return text === 'true';
  if (text.trim() === '') return null;
  if (f.kind === 'number') return Number(text);
  if (f.kind === 'list')
    return text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return text.trim();
}

/**
 * Creates a notification channel, or edits one (`existing`). Secrets are write-only: the form never shows a
 * stored value, only which are set; an empty field keeps what is stored.
 */
export function ChannelForm({
  existing,
  accounts,
  onDone,
}: {
  existing?: Channel;
  accounts: Account[];
  onDone: (c: Channel) => void;
}) {
  const [name, setName] = useState(existing?.name ?? '');
  const [type, setType] = useState<ChannelType>((existing?.type as ChannelType) ?? 'telegram');
  const [settings, setSettings] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(existing?.settings ?? {}).map(([k, v]) => [k, shown(v)])),
  );
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [events, setEvents] = useState<Kind[]>((existing?.events as Kind[]) ?? DEFAULT_KINDS);
  const [only, setOnly] = useState<number[]>(existing?.account_ids ?? []);
  const [error, setError] = useState<string | null>(null);
  const spec = CHANNEL_FORM[type];
  // another type has other secrets: the stored ones are not kept
  const stored = existing && existing.type === type ? (existing.secret_fields_set ?? []) : [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name,
      type,
      enabled: existing?.enabled ?? true,
      settings: Object.fromEntries(spec.settings.map((f) => [f.key, setting(f, settings[f.key] ?? '')])),
      secrets: Object.fromEntries(
        spec.secrets.filter((f) => (secrets[f.key] ?? '') !== '').map((f) => [f.key, secrets[f.key]]),
      ),
      events,
      account_ids: only.length > 0 ? only : null,
    };
    const {
      data,
      error: err,
      response,
    } = existing
      ? await api.PATCH('/api/notifications/channels/{id}', { params: { path: { id: existing.id } }, body })
      : await api.POST('/api/notifications/channels', { body });
    if (!data) return setError(errorText(err, response.status));
    setSecrets({});
    setError(null);
    onDone(data);
  };
  const prefix = existing ? `channel-${existing.id}` : 'channel-new';
  const toggle = <T,>(list: T[], v: T, on: boolean) => (on ? [...list, v] : list.filter((x) => x !== v));
  return (
    <form
      className="grid-form"
      onSubmit={submit}
      aria-label={existing ? `Edit channel ${existing.name}` : 'New channel'}
    >
      <label>
        Name
        <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Type
        <select value={type} onChange={(e) => setType(e.target.value as ChannelType)}>
          {Object.entries(CHANNEL_FORM).map(([t, s]) => (
            <option key={t} value={t}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      {spec.settings.map((f) =>
        f.kind === 'checkbox' ? (
          <label key={f.key} className="inline">
            <input
              type="checkbox"
              checked={settings[f.key] === 'true'}
              onChange={(e) => setSettings({ ...settings, [f.key]: String(e.target.checked) })}
            />{' '}
            {f.label}
          </label>
        ) : (
          <label key={f.key}>
            {f.label}
            <input
              type={f.kind === 'number' ? 'number' : f.kind === 'url' ? 'url' : 'text'}
              inputMode={f.kind === 'email' || f.kind === 'list' ? 'email' : undefined}
              placeholder={f.placeholder}
              value={settings[f.key] ?? ''}
              onChange={(e) => setSettings({ ...settings, [f.key]: e.target.value })}
            />
          </label>
        ),
      )}
      <fieldset>
        <legend>Secrets (write-only{stored.length > 0 ? '; empty keeps the stored value' : ''})</legend>
        {spec.secrets.map((f) => (
          <label key={f.key} htmlFor={`${prefix}-${f.key}`}>
            {f.label}
            {stored.includes(f.key) && <span className="muted"> (set)</span>}
            <input
              id={`${prefix}-${f.key}`}
              name={f.key}
              type="password"
              autoComplete="new-password"
              value={secrets[f.key] ?? ''}
              onChange={(e) => setSecrets({ ...secrets, [f.key]: e.target.value })}
            />
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Events</legend>
        {KINDS.map((k) => (
          <label key={k} className="inline">
            <input
              type="checkbox"
              checked={events.includes(k)}
              onChange={(e) => setEvents(toggle(events, k, e.target.checked))}
            />{' '}
            {KIND_LABELS[k]}
          </label>
        ))}
      </fieldset>
      {accounts.length > 0 && (
        <fieldset>
          <legend>Only these accounts (none ticked: every account)</legend>
          {accounts.map((a) => (
            <label key={a.id} className="inline">
              <input
                type="checkbox"
                checked={only.includes(a.id)}
                onChange={(e) => setOnly(toggle(only, a.id, e.target.checked))}
              />{' '}
              {a.label}
            </label>
          ))}
        </fieldset>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary">
          {existing ? 'Save channel' : 'Create channel'}
        </button>
      </div>
    </form>
  );
}
