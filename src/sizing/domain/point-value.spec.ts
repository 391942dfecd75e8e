import { specForRoot } from './contract-specs';
import { resolvePointValue } from './point-value';
import { dec } from './sizing-decimal';

describe('resolvePointValue', () => {
  const nq = specForRoot('NQ');

  it('prefers the env override over the contract spec', () => {
    const pv = resolvePointValue('NQ1!', nq, dec('25'));
    expect([pv?.value.toNumber(), pv?.source, pv?.root]).toEqual([25, 'env', 'NQ']);
  });

  it('uses the contract spec without an override', () => {
    const pv = resolvePointValue('NQ1!', nq);
    expect([pv?.value.toNumber(), pv?.source]).toEqual([20, 'contract_spec']);
  });

  it('sizes an unknown symbol only with an override', () => {
    expect(resolvePointValue('EURUSD', null)).toBeNull();
    expect(resolvePointValue('EURUSD', null, dec('10'))?.source).toBe('env');
  });

  it('falls back to the seed default of 2 only when no symbol is named', () => {
    const pv = resolvePointValue('  ', null);
    expect([pv?.value.toNumber(), pv?.source, pv?.root]).toEqual([2, 'seed_default', null]);
  });
});
