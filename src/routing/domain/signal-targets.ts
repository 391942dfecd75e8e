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

function readTags(value: unknown, problems: Problems): string[] {
  const items = readList(value, 'account_tags', problems, MAX_FILTER_ITEMS) ?? [];
  const tags = items.flatMap((item, i) => {
    const tag = typeof item === 'string' ? item.trim().toLowerCase() : '';
    if (TAG.test(tag)) return [tag];
    problems.push(`account_tags[${i}]: must be a tag (lower-case letters, digits, _ or -; up to 40)`);
    return [];
  });
  return [...new Set(tags)];
}

function readFirmCodes(value: unknown, problems: Problems): string[] {
  const items = readList(value, 'firm_codes', problems, MAX_FILTER_ITEMS) ?? [];
  const codes = items.flatMap((item, i) => {
    const code = typeof item === 'string' ? item.trim().toUpperCase() : '';
    if (FIRM_CODE.test(code)) return [code];
    problems.push(`firm_codes[${i}]: must be a firm code (letters, digits, underscore; up to 32)`);
    return [];
  });
  return [...new Set(codes)];
}

function readProgramIds(value: unknown, problems: Problems): number[] {
  const items = readList(value, 'program_ids', problems, MAX_FILTER_ITEMS) ?? [];
  const ids = items.flatMap((item, i) => {
    const id = readPositiveInt(item, `program_ids[${i}]`, problems, MAX_PROGRAM_ID);
    return id === undefined ? [] : [id];
  });
  return [...new Set(ids)];
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
