import fc from 'fast-check';
import Decimal from 'decimal.js';
import { ConnectorError } from '../../domain/connector-errors';
import { bracketTicks, onTick, stopLossBracket, takeProfitBracket } from './projectx-brackets';

describe('ProjectX bracket ticks', () => {
  it('measures from the entry in whole ticks, signed by direction', () => {
    expect(stopLossBracket('BUY', 18000, 17990, 0.25)).toEqual({ ticks: -40, type: 4 });
    expect(takeProfitBracket('BUY', 18000, 18020, 0.25)).toEqual({ ticks: 80, type: 1 });
    expect(stopLossBracket('SELL', 18000, 18010, 0.25)).toEqual({ ticks: 40, type: 4 });
    expect(takeProfitBracket('SELL', 18000, 17980, 0.25)).toEqual({ ticks: -80, type: 1 });
  });

  it('rounds an off-tick distance to the nearest tick exactly (no binary floating point error)', () => {
    expect(bracketTicks('stop_loss', 'BUY', 70.3, 70.1, 0.01)).toBe(-20);
    expect(bracketTicks('take_profit', 'BUY', 18000.1, 18020.2, 0.25)).toBe(80);
    expect(bracketTicks('take_profit', 'BUY', 18000, 18000.125, 0.25)).toBe(1);
    expect(bracketTicks('stop_loss', 'SELL', 1.1, 1.3, 0.1)).toBe(2);
  });

  it('never sends zero ticks', () => {
    expect(bracketTicks('stop_loss', 'BUY', 70.005, 70.001, 0.01)).toBe(-1);
    expect(bracketTicks('take_profit', 'SELL', 5000, 5000, 0.25)).toBe(-1);
  });

  it('refuses a level on the wrong side of the entry and a contract without a tick size', () => {
    expect(() => bracketTicks('stop_loss', 'BUY', 100, 101, 0.25)).toThrow(ConnectorError);
    expect(() => bracketTicks('take_profit', 'SELL', 100, 101, 0.25)).toThrow('must be below the entry 100');
    expect(() => bracketTicks('stop_loss', 'BUY', 100, 99, 0)).toThrow('tick size');
  });

  it('is within half a tick of the distance, at least one tick, for any prices on the right side', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4_000_000 }),
        fc.integer({ min: 0, max: 400_000 }),
        fc.constantFrom(0.25, 0.01, 0.1, 0.005),
        fc.constantFrom('BUY' as const, 'SELL' as const),
        (entryCents, distanceCents, tick, side) => {
          const entry = entryCents / 100;
          const stop =
            side === 'BUY' ? (entryCents - distanceCents) / 100 : (entryCents + distanceCents) / 100;
          const ticks = bracketTicks('stop_loss', side, entry, stop, tick);
          const distance = new Decimal(distanceCents).div(100);
          expect(Math.sign(ticks)).toBe(side === 'BUY' ? -1 : 1);
          expect(Math.abs(ticks)).toBeGreaterThanOrEqual(1);
          if (distance.gte(tick)) {
            expect(
              distance
                .minus(new Decimal(Math.abs(ticks)).mul(tick))
                .abs()
                .lte(new Decimal(tick).div(2)),
            ).toBe(true);
          }
        },
      ),
    );
  });

  it('snaps a price to the nearest tick', () => {
    expect(onTick(18100.4, 0.25)).toBe(18100.5);
    expect(onTick(70.126, 0.01)).toBe(70.13);
    expect(onTick(0.3, 0.1)).toBe(0.3);
  });

  it('answers what decimal.js answers, for any prices and ticks (the whole-unit path and beyond it)', () => {
    const decimalTicks = (entry: number, price: number, tick: number) => {
      const distance = new Decimal(price).minus(entry);
      const size = Decimal.max(1, distance.abs().div(tick).toDecimalPlaces(0, Decimal.ROUND_HALF_UP));
      return { sign: distance.gt(0) ? 1 : distance.lt(0) ? -1 : 0, size: size.toNumber() };
    };
    const decimalOnTick = (price: number, tick: number) =>
      new Decimal(price).div(tick).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).mul(tick).toNumber();
    const price = fc.oneof(
      fc.double({ min: 0.0001, max: 1e7, noNaN: true }),
      fc.integer({ min: 1, max: 10_000_000 }).map((n) => n / 100),
      fc.integer({ min: 1, max: 10_000_000 }).map((n) => n / 3),
    );
    const tick = fc.constantFrom(0.00005, 0.0001, 0.005, 0.0078125, 0.01, 0.03125, 0.1, 0.25, 1, 0.3, 1e-7);
    fc.assert(
      fc.property(price, price, tick, (entry, level, t) => {
        expect(onTick(level, t)).toBe(decimalOnTick(level, t));
        const expected = decimalTicks(entry, level, t);
        const long = expected.sign <= 0 ? 'BUY' : 'SELL'; // a stop on the right side of the entry
        const ticks = bracketTicks('stop_loss', long, entry, level, t);
        expect(Math.abs(ticks)).toBe(expected.size);
      }),
      { numRuns: 5000 },
    );
  });
});
