import Decimal from 'decimal.js';
import { GuardRoom, guardReason, guardTrip } from './guard-trip';

const d = (v: string | number) => new Decimal(v);
const TEN = d('0.1');

/** A 2,500 daily loss limit (buffer 250) and a 2,500 maximum loss (buffer 250), with the given rooms. */
function room(dailyLeft: string | null, drawdownLeft: string | null): GuardRoom {
  return {
    dailyLossLimit: dailyLeft === null ? null : d(2500),
    dailyLossLeft: dailyLeft === null ? null : d(dailyLeft),
    drawdownLimit: drawdownLeft === null ? null : d(2500),
    drawdownLeft: drawdownLeft === null ? null : d(drawdownLeft),
  };
}

describe('guardTrip (the guard after the trade)', () => {
  it('daily loss: one cent inside the buffer trips, at the buffer trips, one cent over does not', () => {
    expect(guardTrip(room('249.99', '2000'), TEN)).toMatchObject({
      rule: 'daily_loss',
      haltUntil: 'day_end',
    });
    expect(guardTrip(room('250.00', '2000'), TEN)?.buffer.toFixed(2)).toBe('250.00');
    expect(guardTrip(room('250.01', '2000'), TEN)).toBeNull();
  });

  it('drawdown floor: one cent inside, at, one cent over; halted until cleared', () => {
    expect(guardTrip(room('2000', '249.99'), TEN)).toMatchObject({ rule: 'drawdown', haltUntil: 'cleared' });
    expect(guardTrip(room('2000', '250'), TEN)?.roomLeft.toFixed(2)).toBe('250.00');
    expect(guardTrip(room('2000', '250.01'), TEN)).toBeNull();
  });

  it('the floor wins when both are within their buffers (its halt outlasts the day)', () => {
    expect(guardTrip(room('10', '10'), TEN)?.rule).toBe('drawdown');
  });

  it('a limit already crossed (no room, negative room) trips', () => {
    expect(guardTrip(room('0', '900'), TEN)?.rule).toBe('daily_loss');
    expect(guardTrip(room('-35.5', '900'), TEN)?.roomLeft.toString()).toBe('-35.5');
  });

  it('is exact: a buffer of 12.5 % of 1,999.99 is 249.99875, so 249.99 trips and 250.00 does not', () => {
    const r = (left: string): GuardRoom => ({
      dailyLossLimit: d('1999.99'),
      dailyLossLeft: d(left),
      drawdownLimit: null,
      drawdownLeft: null,
    });
    expect(guardTrip(r('249.99'), d('0.125'))?.buffer.toString()).toBe('249.99875');
    expect(guardTrip(r('250.00'), d('0.125'))).toBeNull();
  });

  it('a buffer of 0 acts only at the limit itself', () => {
    expect(guardTrip(room('0.01', '900'), d(0))).toBeNull();
    expect(guardTrip(room('0', '900'), d(0))?.rule).toBe('daily_loss');
  });

  it('no limit, or a zero limit, never trips', () => {
    expect(guardTrip(room(null, null), TEN)).toBeNull();
    expect(
      guardTrip({ dailyLossLimit: d(0), dailyLossLeft: d(0), drawdownLimit: null, drawdownLeft: null }, TEN),
    ).toBeNull();
  });

  it('says why: room, limit, buffer and how long the halt lasts', () => {
    const trip = guardTrip(room('240', '2000'), TEN)!;
    expect(guardReason(trip, TEN)).toBe(
      'guard: $240.00 left before the daily loss limit of $2500.00, within the 10 % buffer ($250.00); flattened and halted until the trading day ends',
    );
    const floor = guardTrip(room('2000', '-5'), TEN)!;
    expect(guardReason(floor, TEN)).toContain('-$5.00 left before the drawdown floor');
    expect(guardReason(floor, TEN)).toContain('halted until an operator clears it');
  });
});
