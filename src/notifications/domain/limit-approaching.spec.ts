import Decimal from 'decimal.js';
import { limitAlertKey, limitApproaching } from './limit-approaching';

const d = (v: string) => new Decimal(v);

describe('limitApproaching (threshold 80 %)', () => {
  const limit = d('2500.00');
  const check = (used: string) => limitApproaching({ kind: 'daily_loss', used: d(used), limit }, d('80'));

  it('one cent under the threshold: quiet; at it and over: warns with the exact room left', () => {
    expect(check('1999.99')).toBeNull();
    expect(check('2000.00')).toEqual({ usedPercent: d('80'), roomLeft: d('500') });
    expect(check('2000.01')).toEqual({ usedPercent: d('80'), roomLeft: d('499.99') });
  });

  it('never shows room below zero, nor warns on a missing limit', () => {
    expect(check('2600')!.roomLeft).toEqual(d('0'));
    expect(limitApproaching({ kind: 'drawdown', used: d('10'), limit: d('0') }, d('80'))).toBeNull();
  });

  it('is keyed once per account, limit and trading day', () => {
    expect(limitAlertKey(7, 'daily_loss', '2026-12-02')).toBe('limit:7:daily_loss:2026-12-02');
    expect(limitAlertKey(7, 'daily_loss', '2026-12-03')).not.toBe(
      limitAlertKey(7, 'daily_loss', '2026-12-02'),
    );
  });
});
