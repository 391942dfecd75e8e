import { modeQuantity, withAccountCap } from './account-sizing';
import { dec } from './sizing-decimal';
import type { SizingLimits } from './sizing-limits';

const mode = (m: Partial<Parameters<typeof modeQuantity>[0]>) => ({
  mode: 'risk' as const,
  fixedQuantity: null,
  quantityMultiplier: null,
  maxContracts: null,
  ...m,
});

describe('modeQuantity: the quantity an account hands to the sizing rule', () => {
  it('risk mode passes the alert quantity through (validated later, never replaced)', () => {
    expect(modeQuantity(mode({}), 3)).toEqual({ ok: true, quantity: 3 });
    expect(modeQuantity(mode({}), null)).toEqual({ ok: true, quantity: null });
  });

  it('fixed mode uses the account quantity whatever the alert says', () => {
    expect(modeQuantity(mode({ mode: 'fixed', fixedQuantity: 2 }), 9)).toEqual({ ok: true, quantity: 2 });
    expect(modeQuantity(mode({ mode: 'fixed', fixedQuantity: null }), 9).ok).toBe(false);
  });

  it('multiplier mode floors the exact product: at, just below and just above a whole contract', () => {
    const half = mode({ mode: 'multiplier', quantityMultiplier: '0.5' });
    expect(modeQuantity(half, 4)).toEqual({ ok: true, quantity: 2 });
    expect(modeQuantity(half, 5)).toEqual({ ok: true, quantity: 2 });
    expect(modeQuantity(half, 2)).toEqual({ ok: true, quantity: 1 });
    // 0.1 × 10 is exactly 1 in decimal (0.1 * 10 in binary is too, but 0.1 * 3 is not: 0.30000000000000004)
    expect(modeQuantity(mode({ mode: 'multiplier', quantityMultiplier: '0.1' }), 10)).toEqual({
      ok: true,
      quantity: 1,
    });
    expect(modeQuantity(mode({ mode: 'multiplier', quantityMultiplier: '0.3' }), 10)).toEqual({
      ok: true,
      quantity: 3,
    });
  });

  it('multiplier mode refuses below one contract and without an alert quantity, saying why', () => {
    const r = modeQuantity(mode({ mode: 'multiplier', quantityMultiplier: '0.5' }), 1);
    expect(r).toMatchObject({ ok: false, rule: 'QUANTITY_ZERO' });
    expect(r.ok === false && r.reason).toContain('1 × 0.5 = 0.5 is below one contract');
    expect(modeQuantity(mode({ mode: 'multiplier', quantityMultiplier: '2' }), null)).toMatchObject({
      ok: false,
      rule: 'MISSING_QUANTITY',
    });
  });
});

describe('withAccountCap: the tighter of the account and the program limit', () => {
  const limits = (max: number | null): SizingLimits => ({
    maxContracts: max === null ? null : { value: max, source: 'registry' },
    minContracts: null,
    maxRiskPercent: { value: dec('0.02'), source: 'global' },
  });
  it('the account cap applies when tighter, the program limit when the account cap is looser or equal', () => {
    expect(withAccountCap(limits(5), 4).maxContracts).toEqual({ value: 4, source: 'account' });
    expect(withAccountCap(limits(5), 5).maxContracts).toEqual({ value: 5, source: 'registry' });
    expect(withAccountCap(limits(5), 6).maxContracts).toEqual({ value: 5, source: 'registry' });
    expect(withAccountCap(limits(null), 3).maxContracts).toEqual({ value: 3, source: 'account' });
    expect(withAccountCap(limits(5), null).maxContracts).toEqual({ value: 5, source: 'registry' });
  });
});
