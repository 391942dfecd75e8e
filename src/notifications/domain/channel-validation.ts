import { textProblem } from '../../shared-kernel/text-rule';
import { CHANNEL_FIELDS, ChannelType, FieldSpec, isChannelType, CHANNEL_TYPES } from './channel-types';
import { isNotificationKind, NOTIFICATION_KINDS } from './notification-event';

const URL_PATTERN = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
const EMAIL_PATTERN = /^[^\s@<>]+@[^\s@<>]+$/;

export type Secrets = Record<string, string>;
export type Settings = Record<string, string | number | boolean | string[]>;

/** A channel as stored, its secrets apart. */
export interface ChannelFields {
  name: string;
  type: ChannelType;
  enabled: boolean;
  settings: Settings;
  events: string[];
  accountIds: number[] | null;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

function checkValue(key: string, v: unknown, spec: FieldSpec, problems: string[]): unknown {
  const fail = (m: string) => (problems.push(`${key}: ${m}`), undefined);
  if (spec.kind === 'int')
    return Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535
      ? v
      : fail('must be a whole number from 1 to 65535');
  if (spec.kind === 'bool') return typeof v === 'boolean' ? v : fail('must be true or false');
  if (spec.kind === 'emails') {
    if (!Array.isArray(v) || v.length === 0 || v.length > 20)
      return fail('must be a list of 1–20 email addresses');
    return v.every((e) => typeof e === 'string' && EMAIL_PATTERN.test(e) && e.length <= 200)
      ? v
      : fail('must hold email addresses only');
  }
  if (typeof v !== 'string' || v.trim() === '') return fail('must be a non-empty string');
  const unsafe = textProblem(v);
  if (unsafe) return fail(unsafe);
  if (v.length > 500) return fail('must be at most 500 characters');
  if (spec.kind === 'url' && !URL_PATTERN.test(v)) return fail('must be an http(s) URL');
  if (spec.kind === 'email' && !EMAIL_PATTERN.test(v)) return fail('must be an email address');
  if (spec.min !== undefined && v.length < spec.min) return fail(`must be at least ${spec.min} characters`);
  return spec.kind === 'url' ? v.trim() : v;
}

/** Settings (given whole) or secrets (stored ones with a patch over them: null removes, absent keeps). */
function checkFields(
  group: 'settings' | 'secrets',
  specs: Record<string, FieldSpec>,
  values: Record<string, unknown>,
  problems: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(values))
    if (!(key in specs))
      problems.push(
        `${group}.${key}: is not a field of this channel type (${Object.keys(specs).join(', ') || 'none'})`,
      );
  for (const [key, spec] of Object.entries(specs)) {
    const v = values[key];
    if (v === undefined || v === null) {
      if (spec.required) problems.push(`${group}.${key}: is required`);
      continue;
    }
    const checked = checkValue(`${group}.${key}`, v, spec, problems);
    if (checked !== undefined) out[key] = checked;
  }
  return out;
}

function checkEvents(v: unknown, problems: string[]): string[] {
  if (!Array.isArray(v)) return (problems.push('events: must be a list of event kinds'), []);
  const unknown = v.filter((k) => !isNotificationKind(k));
  if (unknown.length > 0)
    problems.push(
      `events: unknown ${unknown.map(String).join(', ')} (known: ${NOTIFICATION_KINDS.join(', ')})`,
    );
  return [...new Set(v.filter(isNotificationKind))];
}

function checkAccounts(v: unknown, problems: string[]): number[] | null {
  if (v === null || v === undefined) return null;
  if (
    !Array.isArray(v) ||
    v.length > 500 ||
    !v.every((x) => Number.isInteger(x) && x >= 1 && x <= 2_147_483_647)
  )
    return (problems.push('account_ids: must be null (every account) or a list of account ids'), null);
  return [...new Set(v as number[])];
}

function checkName(v: unknown, problems: string[]): string | null {
  if (typeof v !== 'string' || v.trim() === '' || v.length > 100)
    return (problems.push('name: must be a string of 1–100 characters'), null);
  const unsafe = textProblem(v);
  return unsafe ? (problems.push(`name: ${unsafe}`), null) : v.trim();
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A whole candidate channel (stored fields with the draft over them) and its secrets (stored, with the
 * draft's `secrets` patch applied): every problem at once, each naming its field, never a value.
 */
export function checkChannel(
  candidate: Record<string, unknown>,
  storedSecrets: Secrets,
  secretsPatch: unknown,
): Checked<{ fields: ChannelFields; secrets: Secrets }> {
  const problems: string[] = [];
  const name = checkName(candidate.name, problems);
  const type = candidate.type;
  if (!isChannelType(type)) problems.push(`type: must be one of ${CHANNEL_TYPES.join(', ')}`);
  if (typeof candidate.enabled !== 'boolean') problems.push('enabled: must be true or false');
  const events = checkEvents(candidate.events, problems);
  const accountIds = checkAccounts(candidate.account_ids, problems);
  if (!isRecord(candidate.settings)) problems.push('settings: must be an object');
  if (secretsPatch !== undefined && !isRecord(secretsPatch)) problems.push('secrets: must be an object');
  if (!isChannelType(type) || !isRecord(candidate.settings)) return { ok: false, problems };
  const spec = CHANNEL_FIELDS[type];
  const settings = checkFields('settings', spec.settings, candidate.settings, problems) as Settings;
  const merged: Record<string, unknown> = {
    ...storedSecrets,
    ...(isRecord(secretsPatch) ? secretsPatch : {}),
  };
  const secrets = checkFields('secrets', spec.secrets, merged, problems) as Secrets;
  if (problems.length > 0 || name === null) return { ok: false, problems };
  return {
    ok: true,
    value: {
      fields: {
        name,
        type,
        enabled: candidate.enabled as boolean,
        settings,
        events,
        accountIds,
      },
      secrets,
    },
  };
}
