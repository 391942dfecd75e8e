import { FUTURES_SPECS, specForRoot } from './contract-specs';
import { normalizeSymbol, specForSymbol } from './symbol-normalizer';

describe('normalizeSymbol', () => {
  it.each([
    ['NQ1!', 'NQ'],
    ['CME_MINI:NQ1!', 'NQ'],
    ['NQZ2025', 'NQ'],
    ['NQZ5', 'NQ'],
    ['NQZ25', 'NQ'],
    ['nq', 'NQ'],
    [' nq ', 'NQ'],
    ['MNQH26', 'MNQ'],
    ['MNQ1!', 'MNQ'],
    ['CME_MINI:MNQ1!', 'MNQ'],
    ['MNQ', 'MNQ'],
    ['ESH6', 'ES'],
    ['MESM25', 'MES'],
    ['CBOT_MINI:YM1!', 'YM'],
    ['MYMU5', 'MYM'],
    ['RTY1!', 'RTY'],
    ['M2K1!', 'M2K'],
    ['M2KZ5', 'M2K'],
    ['NYMEX:CL1!', 'CL'],
    ['MCLF26', 'MCL'],
    ['COMEX:GC1!', 'GC'],
    ['MGCG2026', 'MGC'],
    ['SIH6', 'SI'],
    ['SILH6', 'SIL'],
    ['6EZ5', '6E'],
    ['CME:6E1!', '6E'],
    ['M6EH26', 'M6E'],
    ['ZBM5', 'ZB'],
    ['CBOT:ZN1!', 'ZN'],
    ['/NQ', 'NQ'],
    ['@ES', 'ES'],
    ['NQ 12-25', 'NQ'],
  ])('%s → %s', (symbol, root) => {
    expect(normalizeSymbol(symbol)).toBe(root);
  });

  it.each(['', 'FOO', 'AAPL', 'EURUSD', 'NQA5', 'NQZ', 'NQZ123', 'M', 'FOO1!', 'XNQZ5', 'NQZ5X'])(
    '%s → null',
    (symbol) => {
      expect(normalizeSymbol(symbol)).toBeNull();
    },
  );
});

describe('contract specs', () => {
  it.each([
    ['NQ', 20, 0.25],
    ['MNQ', 2, 0.25],
    ['ES', 50, 0.25],
    ['MES', 5, 0.25],
    ['YM', 5, 1],
    ['MYM', 0.5, 1],
    ['RTY', 50, 0.1],
    ['M2K', 5, 0.1],
    ['CL', 1000, 0.01],
    ['MCL', 100, 0.01],
    ['GC', 100, 0.1],
    ['MGC', 10, 0.1],
    ['SI', 5000, 0.005],
    ['6E', 125000, 0.00005],
    ['ZB', 1000, 0.03125],
    ['ZN', 1000, 0.015625],
  ])('%s: $%d per point, tick %d', (root, pointValue, tickSize) => {
    expect(specForRoot(root)).toMatchObject({ root, pointValue, tickSize });
  });

  it('has one entry per root, each a positive point value and tick', () => {
    const roots = FUTURES_SPECS.map((s) => s.root);
    expect(new Set(roots).size).toBe(roots.length);
    expect(FUTURES_SPECS.every((s) => s.pointValue > 0 && s.tickSize > 0)).toBe(true);
  });

  it('looks a spec up by any ticker form', () => {
    expect(specForSymbol('CME_MINI:MNQ1!')?.pointValue).toBe(2);
    expect(specForSymbol('NQZ5')?.pointValue).toBe(20);
    expect(specForSymbol('FOO')).toBeNull();
  });
});
