import type { Signal } from './signal';
import { present, Problems, readList, readPositiveInt, readText } from './signal-fields';

const FIRM_CODE = /^[A-Z0-9_]{1,32}$/;
const TAG = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const MAX_PROGRAM_ID = 2_147_483_647;
const MAX_FILTER_ITEMS = 50;

type Body = Record<string, unknown>;
export type SignalTargets = Pick<Signal, 'accounts' | 'account_tags' | 'firm_codes' | 'program_ids'>;

/**
 * The alert's account filters, intersected by the router over the enabled accounts: `accounts` (labels or
 * ids), `account_tags`, `firm_codes`, `program_ids`; each a JSON array or a comma-separated string. None
 * given = every enabled account.
 */
export function readTargets(body: Body, problems: Problems): SignalTargets {
  return {
    accounts: present(body.accounts) ? readAccounts(body.accounts, problems) : [],
    account_tags: present(body.account_tags) ? readTags(body.account_tags, problems) : [],
    firm_codes: present(body.firm_codes) ? readFirmCodes(body.firm_codes, problems) : [],
    program_ids: present(body.program_ids) ? readProgramIds(body.program_ids, problems) : [],
  };
}

function readAccounts(value: unknown, problems: Problems): string[] {
  const items = readList(value, 'accounts', problems, MAX_FILTER_ITEMS) ?? [];
  const labels = items.flatMap((item, i) => {
    const label = readText(item, `accounts[${i}]`, problems, 100);
    return label === undefined ? [] : [label];
  });
  return [...new Set(labels)];
}

// Plain loops into the distinct list: every alert naming firms or programs passes here (flatMap's array per
// item and a Set spread cost the intake a few µs per alert).
function readTags(value: unknown, problems: Problems): string[] {
  const items = readList(value, 'account_tags', problems, MAX_FILTER_ITEMS) ?? [];
  const tags: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const tag = typeof items[i] === 'string' ? (items[i] as string).trim().toLowerCase() : '';
    if (!TAG.test(tag))
      problems.push(`account_tags[${i}]: must be a tag (lower-case letters, digits, _ or -; up to 40)`);
    else if (!tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

function readFirmCodes(value: unknown, problems: Problems): string[] {
  const items = readList(value, 'firm_codes', problems, MAX_FILTER_ITEMS) ?? [];
  const codes: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const code = typeof items[i] === 'string' ? (items[i] as string).trim().toUpperCase() : '';
    if (!FIRM_CODE.test(code))
      problems.push(`firm_codes[${i}]: must be a firm code (letters, digits, underscore; up to 32)`);
    else if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}

function readProgramIds(value: unknown, problems: Problems): number[] {
  const items = readList(value, 'program_ids', problems, MAX_FILTER_ITEMS) ?? [];
  const ids: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const id = readPositiveInt(items[i], `program_ids[${i}]`, problems, MAX_PROGRAM_ID);
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** A task stored before accounts existed has no `accounts`/`account_tags`: read as no filter. */
export function targetsOf(s: Signal): SignalTargets {
  return {
    accounts: s.accounts ?? [],
    account_tags: s.account_tags ?? [],
    firm_codes: s.firm_codes,
    program_ids: s.program_ids,
  };
}
