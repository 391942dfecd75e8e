import { textProblem } from '../../shared-kernel/text-rule';
import { CREDENTIAL_FIELDS, orderedFields, type Platform } from './platforms';

export type Credentials = Record<string, string>;
/** A write: a value replaces the field, null removes it, an absent field is kept. */
export type CredentialPatch = Record<string, string | null>;

const MAX_VALUE_LENGTH = 1000;

export type CredentialCheck = { ok: true; credentials: Credentials } | { ok: false; problems: string[] };

/**
 * Applies `patch` (the request's `credentials`, unchecked) over `stored` and checks the result against the
 * platform: an unknown field or one of another platform is named; a value must be a non-empty string.
 * Problems name fields, never values.
 */
export function applyCredentials(platform: Platform, stored: Credentials, patch: unknown): CredentialCheck {
  const problems: string[] = [];
  const next: Credentials = { ...stored };
  if (patch !== undefined && (typeof patch !== 'object' || patch === null || Array.isArray(patch))) {
    return { ok: false, problems: ['credentials: must be an object of field name → string (or null)'] };
  }
  for (const [field, value] of Object.entries((patch ?? {}) as Record<string, unknown>)) {
    const fieldProblem = fieldProblemFor(platform, field);
    if (value === null && Object.hasOwn(stored, field))
      delete next[field]; // removing is always allowed
    else if (fieldProblem) problems.push(fieldProblem);
    else if (value === null) delete next[field];
    else if (typeof value !== 'string' || value.length === 0 || value.length > MAX_VALUE_LENGTH)
      problems.push(
        `credentials.${field}: must be a non-empty string of at most ${MAX_VALUE_LENGTH} characters`,
      );
    else if (textProblem(value)) problems.push(`credentials.${field}: ${textProblem(value)}`);
    else next[field] = value;
  }
  // A platform change keeps the stored fields only when the new platform takes them too.
  for (const field of Object.keys(next)) {
    if (Object.hasOwn((patch ?? {}) as object, field)) continue;
    if (!CREDENTIAL_FIELDS[platform].includes(field))
      problems.push(`credentials.${field}: ${platform} does not take it (set it to null to remove it)`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, credentials: next };
}

function fieldProblemFor(platform: Platform, field: string): string | null {
  if (CREDENTIAL_FIELDS[platform].includes(field)) return null;
  const owners = (Object.keys(CREDENTIAL_FIELDS) as Platform[]).filter((p) =>
    CREDENTIAL_FIELDS[p].includes(field),
  );
  const takes = `${platform} takes ${CREDENTIAL_FIELDS[platform].join(', ')}`;
  if (owners.length > 0) return `credentials.${field}: not a ${platform} credential (${takes})`;
  return `credentials.${safeName(field)}: unknown credential field (${takes})`;
}

/** A field name echoed in an error: at most 40 characters. */
function safeName(field: string): string {
  return field.length > 40 ? `${field.slice(0, 40)}…` : field;
}

/** What an answer or an audit row may say about credentials: the names of the set fields. */
export function credentialsSet(platform: Platform | null, credentials: Credentials): string[] {
  return orderedFields(platform, Object.keys(credentials));
}
