import type { AccountFields, Checked, Draft } from './account-records';
import { PHASES, RESERVED_PREFIX, SIZING_MODES } from './account-records';
import { FieldReader } from './field-reader';

export const TAG_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;
export const SYMBOL_ROOT = /^[A-Z0-9]{1,10}$/;
export const MAX_SYMBOL_MAP = 100;
const FIRM_CODE = /^[A-Z0-9_]{1,50}$/;

/**
 * Checks a whole candidate account (stored fields with the draft over them), every problem at once. What
 * needs the registry or the store (firm, program, connection) is checked by the caller.
 * `default_risk_percent` is a fraction like the alert's `risk_percent`: 0 < x ≤ 1, 0.01 = 1 %.
 */
export function checkAccount(candidate: Draft): Checked<AccountFields> {
  const r = new FieldReader(candidate);
  const label = checkLabel(r);
  const firmCode = r.text('firm_code', { max: 50, required: true });
  if (firmCode !== null && !FIRM_CODE.test(firmCode.toUpperCase()))
    r.fail('firm_code', 'must be a firm code (letters, digits, underscore)');
  const programId = r.int('program_id', { min: 1, required: true });
  const connectionId = r.int('connection_id', { min: 1, required: true });
  const platformAccount = r.text('platform_account', { max: 100, required: true });
  const spec = r.text('platform_account_spec', { max: 100 });
  const phase = r.oneOf('phase', PHASES);
  const enabled = r.bool('enabled');
  const tags = checkTags(r);
  const sizing = checkSizing(r);
  const symbolMap = checkSymbolMap(r);
  const flattenOrphans = r.bool('flatten_orphans');
  const guardBuffer = checkGuardBuffer(r);
  if (r.problems.length > 0) return { ok: false, problems: r.problems };
  return {
    ok: true,
    value: {
      label: label!,
      firm_code: firmCode!.toUpperCase(),
      program_id: programId,
      connection_id: connectionId!,
      platform_account: platformAccount,
      platform_account_spec: spec,
      phase: phase!,
      enabled: enabled!,
      tags,
      ...sizing,
      symbol_map: symbolMap,
      flatten_orphans: flattenOrphans ?? false,
      guard_buffer: guardBuffer,
    },
  };
}

export const MAX_GUARD_BUFFER = 0.9;

/** A fraction of the limit, 0 (act only at the limit) to MAX_GUARD_BUFFER; null: the GUARD_BUFFER default. */
function checkGuardBuffer(r: FieldReader): string | null {
  const hint = `must be a fraction of the limit from 0 to ${MAX_GUARD_BUFFER} (0.1 = 10 %), or null for the default`;
  // `above: -1` lets 0 through: the reader takes no sign, so every accepted value is ≥ 0
  const d = r.decimal('guard_buffer', { above: -1, max: MAX_GUARD_BUFFER, places: 4, hint });
  return d === null ? null : d.toString();
}

function checkLabel(r: FieldReader): string | null {
  const label = r.text('label', { max: 100, required: true });
  if (label !== null && label.toLowerCase().startsWith(RESERVED_PREFIX))
    return r.fail('label', `must not start with "${RESERVED_PREFIX}" (reserved for env-configured firms)`);
  if (label !== null && label !== label.trim())
    return r.fail('label', 'must not start or end with white space');
  if (label !== null && label.includes(','))
    return r.fail('label', 'must not contain a comma (alerts list labels comma-separated)');
  return label;
}

function checkTags(r: FieldReader): string[] {
  const raw = r.array('tags') ?? [];
  if (raw.length > MAX_TAGS) {
    r.fail('tags', `must hold at most ${MAX_TAGS} tags`);
    return [];
  }
  const tags: string[] = [];
  raw.forEach((tag, i) => {
    if (typeof tag !== 'string' || !TAG_PATTERN.test(tag) || tag.length > MAX_TAG_LENGTH)
      r.fail(
        `tags[${i}]`,
        `must be lower-case letters, digits, _ or - (starting with a letter or digit), at most ${MAX_TAG_LENGTH} characters`,
      );
    else if (!tags.includes(tag)) tags.push(tag);
  });
  return tags;
}

type Sizing = Pick<
  AccountFields,
  'sizing_mode' | 'default_risk_percent' | 'fixed_quantity' | 'quantity_multiplier' | 'max_contracts'
>;

function checkSizing(r: FieldReader): Sizing {
  const mode = r.oneOf('sizing_mode', SIZING_MODES);
  const risk = r.decimal('default_risk_percent', {
    above: 0,
    max: 1,
    places: 6,
    hint: 'must be a fraction above 0 and at most 1 (0.01 = 1 %), like the alert’s risk_percent',
  });
  const fixed = r.int('fixed_quantity', { min: 1, max: 100_000 });
  const multiplier = r.decimal('quantity_multiplier', { above: 0, max: 1000, places: 6 });
  const maxContracts = r.int('max_contracts', { min: 1, max: 100_000 });
  if (mode === 'fixed' && fixed === null && r.problems.every((p) => !p.startsWith('fixed_quantity')))
    r.fail('fixed_quantity', 'is required when sizing_mode is fixed (a whole number ≥ 1)');
  if (
    mode === 'multiplier' &&
    multiplier === null &&
    r.problems.every((p) => !p.startsWith('quantity_multiplier'))
  )
    r.fail('quantity_multiplier', 'is required when sizing_mode is multiplier (a number above 0)');
  return {
    sizing_mode: mode!,
    default_risk_percent: risk?.toString() ?? null,
    fixed_quantity: fixed,
    quantity_multiplier: multiplier?.toString() ?? null,
    max_contracts: maxContracts,
  };
}

function checkSymbolMap(r: FieldReader): Record<string, string> {
  const raw = r.object('symbol_map') ?? {};
  const entries = Object.entries(raw);
  const map: Record<string, string> = {};
  if (entries.length > MAX_SYMBOL_MAP) {
    r.fail('symbol_map', `must hold at most ${MAX_SYMBOL_MAP} entries`);
    return map;
  }
  for (const [key, value] of entries) {
    const shown = key.length > 20 ? `${key.slice(0, 20)}…` : key;
    if (!SYMBOL_ROOT.test(key))
      r.fail(`symbol_map.${shown}`, 'keys must be upper-case symbol roots (letters and digits, at most 10)');
    else if (typeof value !== 'string' || !SYMBOL_ROOT.test(value))
      r.fail(`symbol_map.${shown}`, 'must be an upper-case symbol root (letters and digits, at most 10)');
    else map[key] = value;
  }
  return map;
}
