import { dec } from './sizing-decimal';
import { contracts, money, percent, perPoint, plain } from './sizing-format';

describe('sizing reason formatting', () => {
  it.each([
    ['0', '$0.00'],
    ['7.5', '$7.50'],
    ['500', '$500.00'],
    ['1500', '$1,500.00'],
    ['50000', '$50,000.00'],
    ['1234567.891', '$1,234,567.89'],
    ['-2500', '-$2,500.00'],
  ])('money(%s) = %s', (value, text) => {
    expect(money(dec(value))).toBe(text);
  });

  it('formats points, point values, percents and contract counts', () => {
    expect([plain(dec('0.015625')), plain(dec('125000')), perPoint(dec('0.5')), perPoint(dec('20'))]).toEqual(
      ['0.015625', '125,000', '$0.5/point', '$20/point'],
    );
    expect([percent(dec('0.01')), percent(dec('0.0125')), percent(dec('0.0123456789'))]).toEqual([
      '1%',
      '1.25%',
      '1.2346%',
    ]);
    expect([contracts(1), contracts(2), contracts(0)]).toEqual(['1 contract', '2 contracts', '0 contracts']);
  });
});
