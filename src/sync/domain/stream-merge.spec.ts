import type { PlatformAccountSnapshot, PlatformFill } from '../../shared-kernel/platform-state';
import { confirmedAt, mergeSnapshots } from './stream-merge';

const fill = (fillId: string): PlatformFill => ({
  fillId,
  orderId: null,
  clientOrderId: null,
  symbol: 'MNQZ6',
  side: 'BUY',
  quantity: 1,
  price: '21000.25',
  filledAt: '2026-12-02T15:00:00.000Z',
});

const picture = (balance: string, fills: PlatformFill[], readAt: string): PlatformAccountSnapshot => ({
  accountId: 7,
  balance,
  openPnl: '0',
  realizedPnl: null,
  positions: [],
  fills,
  workingOrders: [],
  readAt,
});

describe('mergeSnapshots', () => {
  it('is the later picture when nothing was pending', () => {
    const later = picture('50010', [fill('a')], '2026-12-02T15:00:01.000Z');
    expect(mergeSnapshots(undefined, later)).toBe(later);
  });

  it('keeps the later picture and every fill of both, each id once, in arrival order', () => {
    const earlier = picture('50000', [fill('a'), fill('b')], '2026-12-02T15:00:01.000Z');
    const later = picture('50020.50', [fill('b'), fill('c')], '2026-12-02T15:00:02.000Z');
    const merged = mergeSnapshots(earlier, later);
    expect(merged.balance).toBe('50020.50');
    expect(merged.readAt).toBe('2026-12-02T15:00:02.000Z');
    expect(merged.fills.map((f) => f.fillId)).toEqual(['a', 'b', 'c']);
  });

  it('keeps the earlier fills when the later picture has none', () => {
    const merged = mergeSnapshots(
      picture('50000', [fill('a')], '2026-12-02T15:00:01.000Z'),
      picture('50001', [], '2026-12-02T15:00:02.000Z'),
    );
    expect(merged.fills.map((f) => f.fillId)).toEqual(['a']);
    expect(merged.balance).toBe('50001');
  });
});

describe('confirmedAt', () => {
  it('is the picture, without fills, read now', () => {
    const now = new Date('2026-12-02T15:00:09.000Z');
    const c = confirmedAt(picture('50000', [fill('a')], '2026-12-02T15:00:01.000Z'), now);
    expect(c).toMatchObject({ balance: '50000', fills: [], readAt: now.toISOString() });
  });
});
