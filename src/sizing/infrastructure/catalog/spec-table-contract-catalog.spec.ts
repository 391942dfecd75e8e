import { SpecTableContractCatalog } from './spec-table-contract-catalog';

describe('SpecTableContractCatalog', () => {
  const catalog = new SpecTableContractCatalog();

  it('normalizes platform tickers to roots', () => {
    expect(['CME_MINI:NQ1!', 'MNQH26', 'esh6', 'FOO'].map((s) => catalog.normalize(s))).toEqual([
      'NQ',
      'MNQ',
      'ES',
      null,
    ]);
  });

  it('returns a copy of the spec, so callers cannot alter the table', () => {
    const spec = catalog.spec('MNQZ5');
    expect(spec).toEqual({
      root: 'MNQ',
      pointValue: 2,
      tickSize: 0.25,
      description: 'Micro E-mini Nasdaq-100',
      micro: true,
    });
    spec!.pointValue = 999;
    expect(catalog.spec('MNQ')?.pointValue).toBe(2);
    expect(catalog.spec('NQ')?.micro).toBe(false);
    expect(catalog.spec('UNKNOWN')).toBeNull();
  });
});
