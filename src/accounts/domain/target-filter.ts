/** The parts of an account the alert's filters look at. */
export interface Filterable {
  id: number;
  label: string;
  firmCode: string;
  /** Null for an env account: a `program_ids` filter never excludes it (sized for the alert's programs). */
  programId: number | null;
  enabled: boolean;
  tags: string[];
}

export interface TargetFilter {
  accounts: string[];
  tags: string[];
  firmCodes: string[];
  programIds: number[];
}

export type Targets<T> =
  | { ok: true; accounts: T[]; reason: string | null }
  | { ok: false; unknownAccounts: string[]; unknownTags: string[] };

/** A label or id as the alert wrote it, matched case-insensitively against labels; a numeric one also against ids. */
function names(account: Filterable, ref: string): boolean {
  const wanted = String(ref).trim();
  if (account.label.toLowerCase() === wanted.toLowerCase()) return true;
  return /^\d+$/.test(wanted) && account.id === Number(wanted);
}

/** What an alert's filters name that no account has, enabled or not. */
export interface UnknownNames {
  accounts: string[];
  tags: string[];
  /** Firm codes no account is at. */
  firmCodes: string[];
}

/** Labels/ids, tags and firm codes of the filter that name no account at all, enabled or not. */
export function unknownNames<T extends Filterable>(all: readonly T[], filter: TargetFilter): UnknownNames {
  const known = new Set(all.flatMap((a) => a.tags));
  const firms = new Set(all.map((a) => a.firmCode.toUpperCase()));
  return {
    accounts: unique(filter.accounts.filter((ref) => !all.some((a) => names(a, ref)))),
    tags: unique(filter.tags.filter((tag) => !known.has(String(tag).trim().toLowerCase()))),
    firmCodes: unique(filter.firmCodes.filter((f) => !firms.has(String(f).trim().toUpperCase()))),
  };
}

/** `includeDisabled`: disabled accounts match too (an operator's flatten: a disabled account may still hold a position). */
export interface TargetOptions {
  includeDisabled?: boolean;
}

/**
 * The alert's targets: the enabled accounts matching every non-empty filter (intersected), in id order; no
 * filter at all targets every enabled account. A label/id or tag naming no account → `ok: false`.
 */
export function resolveTargets<T extends Filterable>(
  all: readonly T[],
  filter: TargetFilter,
  opts: TargetOptions = {},
): Targets<T> {
  const unknown = unknownNames(all, filter);
  if (unknown.accounts.length > 0 || unknown.tags.length > 0)
    return { ok: false, unknownAccounts: unknown.accounts, unknownTags: unknown.tags };
  const tags = new Set(filter.tags.map((t) => String(t).trim().toLowerCase()));
  const firms = new Set(filter.firmCodes.map((f) => String(f).trim().toUpperCase()));
  const programs = new Set(filter.programIds);
  const accounts = all
    .filter((a) => a.enabled || opts.includeDisabled === true)
    .filter((a) => filter.accounts.length === 0 || filter.accounts.some((ref) => names(a, ref)))
    .filter((a) => tags.size === 0 || a.tags.some((t) => tags.has(t)))
    .filter((a) => firms.size === 0 || firms.has(a.firmCode.toUpperCase()))
    .filter((a) => programs.size === 0 || a.programId === null || programs.has(a.programId))
    .sort((x, y) => x.id - y.id);
  return { ok: true, accounts, reason: accounts.length > 0 ? null : noMatchReason(filter) };
}

/** "no enabled account matches firm_codes [FTMO] and account_tags [nq]". */
export function noMatchReason(filter: TargetFilter): string {
  const parts = [
    ['accounts', filter.accounts],
    ['account_tags', filter.tags],
    ['firm_codes', filter.firmCodes],
    ['program_ids', filter.programIds],
  ]
    .filter(([, values]) => (values as unknown[]).length > 0)
    .map(([name, values]) => `${name as string} [${(values as unknown[]).join(', ')}]`);
  return parts.length === 0 ? 'no enabled account' : `no enabled account matches ${parts.join(' and ')}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
