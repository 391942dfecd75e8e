import { anOrder } from '../../../../test/risk/support/risk.mother';
import fc from 'fast-check';
import { checkPositionSize, countInMicros, PositionSizeInput, positionRoom } from './position-size.rule';

const check = (o: Partial<PositionSizeInput> & { quantity?: number | null; side?: 'buy' | 'sell' }) =>
  checkPositionSize({
    order: anOrder({ quantity: o.quantity === undefined ? 1 : o.quantity, side: o.side ?? 'buy' }),
    firmLimit: o.firmLimit === undefined ? 5 : o.firmLimit,
    programLimit: o.programLimit ?? null,
    openContracts: o.openContracts ?? 0,
    pending: o.pending,
    programId: o.programId ?? 4,
  });

describe('rule 5: max position size', () => {
  it('passes at the limit and just inside it, rejects just outside', () => {
    expect(check({ quantity: 5 })).toBeNull();
    expect(check({ quantity: 4 })).toBeNull();
    expect(check({ quantity: 6 })).toEqual({
      rule: 'MAX_POSITION_SIZE',
      reason: 'Position would be 6 contracts, above the limit of 5',
      details: {
        limit: 5,
        firm_limit: 5,
        program_max_contracts: null,
        open_contracts: 0,
        requested_quantity: 6,
        projected_contracts: 6,
        headroom: 5,
        program_id: 4,
      },
    });
  });

  it('adds the open contracts of the same direction', () => {
    expect(check({ quantity: 2, openContracts: 3 })).toBeNull();
    expect(check({ quantity: 3, openContracts: 3 })?.details).toMatchObject({
      projected_contracts: 6,
      headroom: 2,
    });
    expect(check({ quantity: 3, side: 'sell', openContracts: -3 })?.details).toMatchObject({
      projected_contracts: 6,
    });
  });

  it('nets an order against an opposite position, including a flip', () => {
    expect(check({ quantity: 2, openContracts: -5 })).toBeNull(); // -3 after
    expect(check({ quantity: 10, side: 'sell', openContracts: 5 })).toBeNull(); // -5 after: at the limit
    expect(check({ quantity: 11, side: 'sell', openContracts: 5 })?.details).toMatchObject({
      projected_contracts: 6,
    });
  });

  it('uses the tighter of the firm limit and the program max contracts', () => {
    expect(check({ quantity: 3, programLimit: 3 })).toBeNull();
    expect(check({ quantity: 4, programLimit: 3 })?.details).toMatchObject({
      limit: 3,
      firm_limit: 5,
      program_max_contracts: 3,
    });
    expect(check({ quantity: 4, firmLimit: null, programLimit: 3 })?.details).toMatchObject({
      limit: 3,
      firm_limit: null,
    });
  });

  it('counts an unknown quantity as one contract', () => {
    expect(check({ quantity: null, openContracts: 4 })).toBeNull();
    expect(check({ quantity: null, openContracts: 5 })?.details).toMatchObject({
      requested_quantity: null,
      projected_contracts: 6,
    });
  });

  it('is off without any limit', () => {
    expect(check({ quantity: 500, firmLimit: null, programLimit: null })).toBeNull();
  });

  it('counts pending entry contracts as if they filled, on the side that makes the position larger', () => {
    // limit 5, open 2, 2 buys pending: a 1-lot buy is 5 (inside), a 2-lot is 6 (outside)
    expect(check({ quantity: 1, openContracts: 2, pending: { buy: 2, sell: 0 } })).toBeNull();
    expect(check({ quantity: 2, openContracts: 2, pending: { buy: 2, sell: 0 } })).toEqual({
      rule: 'MAX_POSITION_SIZE',
      reason: 'Position would be 6 contracts with the orders pending, above the limit of 5',
      details: {
        limit: 5,
        firm_limit: 5,
        program_max_contracts: null,
        open_contracts: 2,
        pending_buy_contracts: 2,
        pending_sell_contracts: 0,
        requested_quantity: 2,
        projected_contracts: 6,
        headroom: 1,
        program_id: 4,
      },
    });
    // pending sells do not make room for a buy: they may never fill
    expect(check({ quantity: 4, openContracts: 2, pending: { buy: 0, sell: 2 } })?.details).toMatchObject({
      projected_contracts: 6,
    });
  });
});

describe('rule 5 with micros counted 10 to a mini', () => {
  const order = (quantity: number) => anOrder({ symbol: 'MNQ', quantity });
  const micros = (openMicros: number, orderMicro = true) => ({ ratio: 10, orderMicro, openMicros });
  const check = (quantity: number, openMicros: number, o: Partial<PositionSizeInput> = {}) =>
    checkPositionSize({
      order: order(quantity),
      firmLimit: null,
      programLimit: 5,
      openContracts: 0,
      micros: micros(openMicros),
      programId: 4,
      ...o,
    });

  it('one micro inside and at the limit pass, one over is denied', () => {
    expect(check(49, 0)).toBeNull();
    expect(check(50, 0)).toBeNull();
    expect(check(51, 0)).toMatchObject({
      rule: 'MAX_POSITION_SIZE',
      details: { micro_ratio: 10, projected_micros: 51, headroom_micros: 50 },
    });
  });

  it('counts open minis as 10 micros each, and a mini order as 10', () => {
    expect(check(10, 40)).toBeNull();
    expect(check(11, 40)).not.toBeNull();
    expect(check(1, 40, { order: anOrder({ quantity: 1 }), micros: micros(40, false) })).toBeNull();
    expect(check(2, 40, { order: anOrder({ quantity: 2 }), micros: micros(40, false) })).not.toBeNull();
  });

  it("keeps the operator's firm limit one for one", () => {
    expect(check(20, 0, { firmLimit: 10 })?.details).toMatchObject({ limit: 10, projected_contracts: 20 });
  });

  it('countInMicros: mini lines × ratio, micro lines × 1; a total without lines counts as minis', () => {
    const isMicro = (s: string) => s.startsWith('M');
    const lines = [
      { symbol: 'NQ', netQuantity: 2 },
      { symbol: 'MNQ', netQuantity: -5 },
    ];
    expect(countInMicros(10, true, { positions: lines, openContracts: -3 }, isMicro).openMicros).toBe(15);
    expect(countInMicros(10, true, { positions: [], openContracts: 3 }, isMicro).openMicros).toBe(30);
  });
});

describe('positionRoom: the largest order rule 5 allows (size to fit)', () => {
  it('from flat, with open contracts, pending orders and a flip', () => {
    const room = (o: Partial<Parameters<typeof positionRoom>[0]>) =>
      positionRoom({ side: 'buy', firmLimit: 5, programLimit: null, openContracts: 0, programId: 4, ...o });
    expect(room({})).toBe(5);
    expect(room({ openContracts: 3 })).toBe(2);
    expect(room({ openContracts: 2, pending: { buy: 2, sell: 0 } })).toBe(1);
    expect(room({ side: 'sell', openContracts: 5 })).toBe(10); // down to −5
    expect(room({ firmLimit: null })).toBeNull();
    expect(room({ programLimit: 3 })).toBe(3);
  });

  it('in micros at 10:1: a micro order gets micros, a mini order whole minis', () => {
    const micros = (orderMicro: boolean) => ({ ratio: 10, orderMicro, openMicros: 35 });
    const base = { side: 'buy' as const, firmLimit: null, programLimit: 5, openContracts: 4, programId: 4 };
    expect(positionRoom({ ...base, micros: micros(true) })).toBe(15);
    expect(positionRoom({ ...base, micros: micros(false) })).toBe(1); // 15 micros: one whole mini
  });

  it('property: the room passes rule 5 and one more does not, whenever the account is within its limit', () => {
    fc.assert(
      fc.property(
        fc.record({
          side: fc.constantFrom('buy' as const, 'sell' as const),
          firmLimit: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
          programLimit: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
          open: fc.integer({ min: -20, max: 20 }),
          buy: fc.integer({ min: 0, max: 10 }),
          sell: fc.integer({ min: 0, max: 10 }),
          micro: fc.option(fc.boolean(), { nil: null }),
        }),
        (g) => {
          const micros =
            g.micro === null ? null : { ratio: 10, orderMicro: g.micro, openMicros: g.open * 10 };
          const base = {
            firmLimit: g.firmLimit,
            programLimit: g.programLimit,
            openContracts: g.open,
            pending: { buy: g.buy, sell: g.sell },
            micros,
            programId: 4,
          };
          const room = positionRoom({ ...base, side: g.side });
          const at = (quantity: number) =>
            checkPositionSize({
              ...base,
              order: anOrder({ side: g.side, quantity, symbol: g.micro ? 'MNQ' : 'NQ' }),
            });
          if (room === null) return;
          expect(at(Math.max(room, 0) + 1)).not.toBeNull();
          const within = at(0) === null; // the account and its pending orders already within every limit
          if (within && room >= 1) expect(at(room)).toBeNull();
        },
      ),
      { numRuns: 2000 },
    );
  });
});
