import { checkAccount } from './account-validation';
import { ACCOUNT_DEFAULTS } from './account-records';

const VALID = {
  ...ACCOUNT_DEFAULTS,
  label: 'apex-1',
  firm_code: 'apex',
  program_id: 4,
  connection_id: 1,
  platform_account: '123',
};
const problems = (over: object) => {
  const r = checkAccount({ ...VALID, ...over });
  return r.ok ? [] : r.problems;
};

describe('checkAccount', () => {
  it('accepts a minimal account with the defaults, firm code upper-cased', () => {
    const r = checkAccount(VALID);
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({
        firm_code: 'APEX',
        phase: 'evaluation',
        enabled: true,
        sizing_mode: 'risk',
        tags: [],
        flatten_orphans: false,
        guard_buffer: null,
      }),
    });
  });

  it('guard_buffer: a fraction of the limit from 0 to 0.9, kept exact; null for the default', () => {
    const ok = (v: unknown) => {
      const r = checkAccount({ ...VALID, guard_buffer: v });
      return r.ok ? r.value.guard_buffer : r.problems;
    };
    expect(ok(0)).toBe('0');
    expect(ok('0.125')).toBe('0.125');
    expect(ok(0.9)).toBe('0.9');
    expect(ok(null)).toBeNull();
    const hint =
      'guard_buffer: must be a fraction of the limit from 0 to 0.9 (0.1 = 10 %), or null for the default';
    expect(problems({ guard_buffer: 0.9001 })).toEqual([hint]);
    expect(problems({ guard_buffer: -0.1 })).toEqual([hint]);
    expect(problems({ guard_buffer: '10%' })).toEqual([hint]);
    expect(problems({ guard_buffer: 0.12345 })).toEqual(['guard_buffer: must have at most 4 decimal places']);
  });

  it('flatten_orphans: true or false (off by default)', () => {
    const r = checkAccount({ ...VALID, flatten_orphans: true });
    expect(r.ok && r.value.flatten_orphans).toBe(true);
    expect(problems({ flatten_orphans: 'yes' })).toEqual(['flatten_orphans: must be true or false']);
  });

  it('keeps decimals exact: risk percent and multiplier from numbers or strings', () => {
    const r = checkAccount({
      ...VALID,
      sizing_mode: 'multiplier',
      quantity_multiplier: '0.333333',
      default_risk_percent: 0.0075,
    });
    expect(r.ok && [r.value.quantity_multiplier, r.value.default_risk_percent]).toEqual([
      '0.333333',
      '0.0075',
    ]);
    expect(problems({ quantity_multiplier: '0.1234567' })).toEqual([
      'quantity_multiplier: must have at most 6 decimal places',
    ]);
  });

  it('default_risk_percent is a fraction: 0 < x ≤ 1, like the alert’s risk_percent', () => {
    expect(problems({ default_risk_percent: 1 })).toEqual([]);
    for (const bad of [0, 1.5, -0.01, 'abc', true])
      expect(problems({ default_risk_percent: bad })).toEqual([
        expect.stringMatching(/^default_risk_percent: must be a fraction above 0 and at most 1/),
      ]);
  });

  it('sizing modes require their parameter', () => {
    expect(problems({ sizing_mode: 'fixed' })).toEqual([
      expect.stringMatching(/^fixed_quantity: is required when sizing_mode is fixed/),
    ]);
    expect(problems({ sizing_mode: 'fixed', fixed_quantity: 0 })).toEqual([
      expect.stringMatching(/^fixed_quantity: must be a whole number from 1/),
    ]);
    expect(problems({ sizing_mode: 'multiplier' })).toEqual([
      expect.stringMatching(/^quantity_multiplier: is required/),
    ]);
    expect(problems({ sizing_mode: 'multiplier', quantity_multiplier: 0 })).toEqual([
      expect.stringMatching(/^quantity_multiplier: must be a number above 0/),
    ]);
    expect(problems({ sizing_mode: 'fixed', fixed_quantity: 2 })).toEqual([]);
  });

  it('labels: 1–100 characters, not env:, no NUL or lone surrogate, no comma', () => {
    expect(problems({ label: 'x'.repeat(100) })).toEqual([]);
    expect(problems({ label: 'x'.repeat(101) })).toEqual(['label: must be at most 100 characters']);
    expect(problems({ label: 'ENV:APEX' })).toEqual([
      expect.stringMatching(/^label: must not start with "env:"/),
    ]);
    expect(problems({ label: 'a\u0000b' })).toEqual([expect.stringMatching(/^label: must not contain NUL/)]);
    expect(problems({ label: 'a\ud800' })).toEqual([
      expect.stringMatching(/^label: must not contain unpaired/),
    ]);
    expect(problems({ label: 'a,b' })).toEqual([expect.stringMatching(/^label: must not contain a comma/)]);
    expect(problems({ label: '' })).toEqual(['label: must be a non-empty string']);
  });

  it('tags: lower-case pattern, ≤ 40 characters, ≤ 20 tags, duplicates folded', () => {
    const r = checkAccount({ ...VALID, tags: ['a', 'a', 'b-1_c'] });
    expect(r.ok && r.value.tags).toEqual(['a', 'b-1_c']);
    expect(problems({ tags: ['-a', 'A', 'x'.repeat(41), 5] }).map((p) => p.split(':')[0])).toEqual([
      'tags[0]',
      'tags[1]',
      'tags[2]',
      'tags[3]',
    ]);
    expect(problems({ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) })).toEqual([
      'tags: must hold at most 20 tags',
    ]);
    expect(problems({ tags: 'nq' })).toEqual(['tags: must be an array']);
  });

  it('symbol_map: upper-case roots of letters and digits, ≤ 10', () => {
    expect(problems({ symbol_map: { NQ: 'MNQ', ES: 'MES', M2K: 'RTY' } })).toEqual([]);
    expect(
      problems({ symbol_map: { nq: 'MNQ', ES: 'mes', CL: 5, ABCDEFGHIJK: 'X' } }).map((p) => p.split(':')[0]),
    ).toEqual(['symbol_map.nq', 'symbol_map.ES', 'symbol_map.CL', 'symbol_map.ABCDEFGHIJK']);
    expect(problems({ symbol_map: ['NQ'] })).toEqual(['symbol_map: must be an object']);
  });

  it('lists every problem at once', () => {
    const all = problems({
      label: null,
      firm_code: 'bad code!',
      program_id: 1.5,
      connection_id: null,
      platform_account: null,
      phase: 'pro',
      enabled: 'yes',
      sizing_mode: 'auto',
      max_contracts: 0,
    });
    expect(all.map((p) => p.split(':')[0])).toEqual([
      'label',
      'firm_code',
      'program_id',
      'connection_id',
      'platform_account',
      'phase',
      'enabled',
      'sizing_mode',
      'max_contracts',
    ]);
  });
});
