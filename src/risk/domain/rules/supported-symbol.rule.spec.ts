import { checkSupportedSymbol } from './supported-symbol.rule';

describe('rule 3: supported symbol', () => {
  it('passes every symbol when the firm lists none', () => {
    expect(checkSupportedSymbol('CL1!', 'CL', null)).toBeNull();
  });

  it('passes a root in the list', () => {
    expect(checkSupportedSymbol('CME_MINI:NQ1!', 'NQ', ['NQ', 'ES'])).toBeNull();
  });

  it('rejects a root outside the list, showing the list', () => {
    expect(checkSupportedSymbol('MNQH26', 'MNQ', ['NQ', 'ES'])).toEqual({
      rule: 'SYMBOL_NOT_SUPPORTED',
      reason: 'Symbol MNQH26 (MNQ) is not traded at this firm',
      details: { symbol: 'MNQH26', root: 'MNQ', supported_symbols: ['NQ', 'ES'] },
    });
  });
});
