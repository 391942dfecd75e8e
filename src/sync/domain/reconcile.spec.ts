import type { PlatformPosition, PlatformWorkingOrder } from '../../shared-kernel/platform-state';
import type { OpenTrade, RoutedBook } from './drift';
import { reconcile } from './reconcile';
import { compareWithStanding } from './standing-drifts';

// The catalog's normalisation, small: a month code and year (or a continuous suffix) dropped.
const rootOf = (s: string) => s.toUpperCase().replace(/([FGHJKMNQUVXZ]\d{1,2}|\d!)$/, '');

const trade = (over: Partial<OpenTrade> = {}): OpenTrade => ({
  tradeId: 't-1',
  clientOrderId: 'pr1-abc-a7-en',
  externalOrderId: 'ORD-1',
  symbol: 'NQ',
  side: 'BUY',
  quantity: 2,
  openQuantity: 2,
  stopLoss: true,
  takeProfit: true,
  ...over,
});
const position = (
  symbol: string,
  netQuantity: number,
  averagePrice: string | null = '21000',
): PlatformPosition => ({
  symbol,
  netQuantity,
  averagePrice,
});
const order = (over: Partial<PlatformWorkingOrder> = {}): PlatformWorkingOrder => ({
  orderId: 'ORD-9',
  clientOrderId: null,
  symbol: 'NQ',
  side: 'SELL',
  quantity: 2,
  type: 'STOP',
  stopPrice: '20990',
  limitPrice: null,
  ...over,
});
const book = (trades: OpenTrade[], over: Partial<RoutedBook> = {}): RoutedBook => ({
  trades,
  unsettledRoots: new Set(),
  ownOrderIds: new Set(),
  ...over,
});

describe('reconcile: positions', () => {
  it('a position matching the routed trade (by root: NQZ5 at the platform, NQ as routed) is no drift', () => {
    const r = reconcile([position('NQZ5', 2)], [], book([trade()]), rootOf);
    expect(r).toEqual({ drifts: [], skippedRoots: [] });
  });

  it('flat everywhere, or a routed short held short, is no drift', () => {
    expect(reconcile([], [], book([]), rootOf).drifts).toEqual([]);
    const short = trade({ side: 'SELL' });
    expect(reconcile([position('NQ', -2)], [], book([short]), rootOf).drifts).toEqual([]);
  });

  it('a position no routed trade opened is an orphan, with both sides', () => {
    const r = reconcile([position('ESZ5', -3, '5000.25')], [], book([]), rootOf);
    expect(r.drifts).toEqual([
      {
        kind: 'orphan_position',
        key: 'orphan_position:ES',
        root: 'ES',
        platform: { symbol: 'ESZ5', netQuantity: -3, averagePrice: '5000.25', order: null },
        believed: { netQuantity: 0, trades: [] },
        orphan: { side: 'SELL', quantity: 3 },
        settlements: [],
      },
    ]);
  });

  it('more than the routed trades opened: the excess is an orphan, the trades stand', () => {
    const r = reconcile([position('NQ', 3)], [], book([trade()]), rootOf);
    expect(r.drifts.map((d) => [d.kind, d.orphan, d.settlements])).toEqual([
      ['orphan_position', { side: 'BUY', quantity: 1 }, []],
    ]);
    expect(r.drifts[0].believed).toEqual({
      netQuantity: 2,
      trades: [{ tradeId: 't-1', clientOrderId: 'pr1-abc-a7-en', side: 'BUY', openQuantity: 2 }],
    });
  });

  it('a routed trade the platform shows flat (its stop filled) is closed: open quantity 0', () => {
    const r = reconcile([], [], book([trade()]), rootOf);
    expect(r.drifts).toEqual([
      {
        kind: 'trade_flat',
        key: 'trade_flat:NQ',
        root: 'NQ',
        platform: { symbol: 'NQ', netQuantity: 0, averagePrice: null, order: null },
        believed: {
          netQuantity: 2,
          trades: [{ tradeId: 't-1', clientOrderId: 'pr1-abc-a7-en', side: 'BUY', openQuantity: 2 }],
        },
        orphan: null,
        settlements: [{ tradeId: 't-1', clientOrderId: 'pr1-abc-a7-en', fromQuantity: 2, openQuantity: 0 }],
      },
    ]);
  });

  it('a partial: the platform holds 1 of 2 → the trade keeps 1 (a later exit closes 1)', () => {
    const r = reconcile([position('NQ', 1)], [], book([trade()]), rootOf);
    expect(r.drifts.map((d) => [d.kind, d.settlements])).toEqual([
      ['trade_flat', [{ tradeId: 't-1', clientOrderId: 'pr1-abc-a7-en', fromQuantity: 2, openQuantity: 1 }]],
    ]);
  });

  it('a partial over two trades: the oldest is closed first, the newest keeps what remains', () => {
    const older = trade({ tradeId: 'old', clientOrderId: 'c-old', quantity: 2, openQuantity: 2 });
    const newer = trade({ tradeId: 'new', clientOrderId: 'c-new', quantity: 3, openQuantity: 3 });
    const r = reconcile([position('NQ', 4)], [], book([older, newer]), rootOf);
    expect(r.drifts[0].settlements).toEqual([
      { tradeId: 'old', clientOrderId: 'c-old', fromQuantity: 2, openQuantity: 1 },
    ]);
    const two = reconcile([position('NQ', 2)], [], book([older, newer]), rootOf);
    expect(two.drifts[0].settlements).toEqual([
      { tradeId: 'old', clientOrderId: 'c-old', fromQuantity: 2, openQuantity: 0 },
      { tradeId: 'new', clientOrderId: 'c-new', fromQuantity: 3, openQuantity: 2 },
    ]);
  });

  it('a trade already partly closed is judged on what PropRouter believes still open', () => {
    const partly = trade({ quantity: 2, openQuantity: 1 });
    expect(reconcile([position('NQ', 1)], [], book([partly]), rootOf).drifts).toEqual([]);
    expect(reconcile([], [], book([trade({ openQuantity: 0 })]), rootOf).drifts).toEqual([]);
  });

  it('the platform holds the other side: the trade is flat at the platform, and the position an orphan', () => {
    const r = reconcile([position('NQ', -1)], [], book([trade()]), rootOf);
    expect(r.drifts.map((d) => [d.kind, d.orphan, d.settlements.map((s) => s.openQuantity)])).toEqual([
      ['trade_flat', null, [0]],
      ['orphan_position', { side: 'SELL', quantity: 1 }, []],
    ]);
  });

  it('a root with an order in flight is skipped; so is one whose entry still works at the platform', () => {
    const inFlight = reconcile(
      [position('NQ', 2)],
      [],
      book([], { unsettledRoots: new Set(['NQ']) }),
      rootOf,
    );
    expect(inFlight).toEqual({ drifts: [], skippedRoots: ['NQ'] });
    const limitEntry = order({ orderId: 'ORD-1', side: 'BUY', type: 'LIMIT', limitPrice: '20900' });
    const working = reconcile([], [limitEntry], book([trade()]), rootOf);
    expect(working).toEqual({ drifts: [], skippedRoots: ['NQ'] });
    const byClientId = order({ orderId: 'X', clientOrderId: 'pr1-abc-a7-en', side: 'BUY', type: 'LIMIT' });
    expect(reconcile([], [byClientId], book([trade()]), rootOf).skippedRoots).toEqual(['NQ']);
  });
});

describe('reconcile: working orders', () => {
  it('an order PropRouter did not place is a foreign order, keyed by its id', () => {
    const foreign = order({ orderId: 'H-1', side: 'BUY', type: 'LIMIT', limitPrice: '4990', symbol: 'ESZ5' });
    const r = reconcile([], [foreign], book([]), rootOf);
    expect(r.drifts).toEqual([
      {
        kind: 'foreign_order',
        key: 'foreign_order:ES:H-1',
        root: 'ES',
        platform: { symbol: 'ESZ5', netQuantity: 0, averagePrice: null, order: foreign },
        believed: { netQuantity: 0, trades: [] },
        orphan: null,
        settlements: [],
      },
    ]);
  });

  it('orders PropRouter sent (by platform or client order id) are its own', () => {
    const own = book([], { ownOrderIds: new Set(['ORD-7', 'pr9-x-a1-en']) });
    const byId = order({ orderId: 'ORD-7' });
    const byClient = order({ orderId: 'Z', clientOrderId: 'pr9-x-a1-en' });
    expect(reconcile([], [byId, byClient], own, rootOf).drifts).toEqual([]);
  });

  it('the stop and target of an open routed trade are its bracket legs, not foreign', () => {
    const stop = order({ orderId: 'S', type: 'STOP' });
    const target = order({ orderId: 'T', type: 'LIMIT', stopPrice: null, limitPrice: '21050' });
    expect(reconcile([position('NQ', 2)], [stop, target], book([trade()]), rootOf).drifts).toEqual([]);
  });

  it('a leg on the opening side, larger than the trades, or of a kind the entry did not ask for is foreign', () => {
    const t = trade({ takeProfit: false });
    const sameSide = order({ orderId: 'A', side: 'BUY' });
    const larger = order({ orderId: 'B', quantity: 3 });
    const target = order({ orderId: 'C', type: 'LIMIT', stopPrice: null, limitPrice: '21050' });
    const market = order({ orderId: 'D', type: 'MARKET', stopPrice: null });
    const r = reconcile([position('NQ', 2)], [sameSide, larger, target, market], book([t]), rootOf);
    expect(r.drifts.map((d) => d.key)).toEqual([
      'foreign_order:NQ:A',
      'foreign_order:NQ:B',
      'foreign_order:NQ:C',
      'foreign_order:NQ:D',
    ]);
  });

  it('a working order on a root being skipped is not judged', () => {
    const r = reconcile([], [order()], book([], { unsettledRoots: new Set(['NQ']) }), rootOf);
    expect(r.drifts).toEqual([]);
  });
});

describe('compareWithStanding: dedupe across rounds', () => {
  const found = reconcile(
    [position('NQ', 1), position('ES', 1)],
    [order({ orderId: 'H-1', symbol: 'CL', side: 'BUY' })],
    book([]),
    rootOf,
  );

  it('everything is fresh on the first round', () => {
    const r = compareWithStanding(found.drifts, [], []);
    expect(r.fresh.map((d) => d.key)).toEqual([
      'orphan_position:NQ',
      'orphan_position:ES',
      'foreign_order:CL:H-1',
    ]);
    expect(r.resolvedKeys).toEqual([]);
  });

  it('a drift still standing is not recorded again; one no longer seen is resolved', () => {
    const standing = [
      { key: 'orphan_position:NQ', root: 'NQ' },
      { key: 'orphan_position:GC', root: 'GC' },
    ];
    const r = compareWithStanding(found.drifts, standing, []);
    expect(r.fresh.map((d) => d.key)).toEqual(['orphan_position:ES', 'foreign_order:CL:H-1']);
    expect(r.resolvedKeys).toEqual(['orphan_position:GC']);
  });

  it('a standing drift on a root skipped this round stays standing', () => {
    const r = compareWithStanding([], [{ key: 'orphan_position:GC', root: 'GC' }], ['GC']);
    expect(r).toEqual({ fresh: [], resolvedKeys: [] });
  });
});
