import Decimal from 'decimal.js';

/** The limits the guard watches: `daily_loss` is a soft rule (halt for the day), `drawdown` the floor. */
export type GuardRule = 'daily_loss' | 'drawdown';

/** An account's limits and the room left before each, as the risk gate measures them (null: none). */
export interface GuardRoom {
  dailyLossLimit: Decimal | null;
  dailyLossLeft: Decimal | null;
  drawdownLimit: Decimal | null;
  drawdownLeft: Decimal | null;
}

/** A limit the account has come within its buffer of: flatten it and halt it. */
export interface GuardTrip {
  rule: GuardRule;
  limit: Decimal;
  roomLeft: Decimal;
  /** The buffer in money: the limit times the account's buffer fraction. */
  buffer: Decimal;
  /** The daily loss halts until the firm's trading day ends; the floor until an operator clears it. */
  haltUntil: 'day_end' | 'cleared';
}

function within(
  rule: GuardRule,
  limit: Decimal | null,
  left: Decimal | null,
  fraction: Decimal,
): GuardTrip | null {
  if (limit === null || left === null || limit.lte(0)) return null;
  const buffer = limit.mul(fraction);
  if (left.gt(buffer)) return null;
  return { rule, limit, roomLeft: left, buffer, haltUntil: rule === 'drawdown' ? 'cleared' : 'day_end' };
}

/**
 * Whether the guard acts: the room left before a limit is at most `bufferFraction` of that limit (at the
 * buffer counts; exact decimal, nothing rounded). The floor is checked first: its halt outlasts the day.
 */
export function guardTrip(room: GuardRoom, bufferFraction: Decimal): GuardTrip | null {
  return (
    within('drawdown', room.drawdownLimit, room.drawdownLeft, bufferFraction) ??
    within('daily_loss', room.dailyLossLimit, room.dailyLossLeft, bufferFraction)
  );
}

function money(d: Decimal): string {
  const text = d.abs().toFixed(2);
  return d.isNegative() ? `-$${text}` : `$${text}`;
}

/** Why, in the words recorded with the halt and shown in the notices. */
export function guardReason(trip: GuardTrip, bufferFraction: Decimal): string {
  const what = trip.rule === 'drawdown' ? 'drawdown floor' : 'daily loss limit';
  const pct = bufferFraction.mul(100).toString();
  const until =
    trip.haltUntil === 'day_end' ? 'halted until the trading day ends' : 'halted until an operator clears it';
  return (
    `guard: ${money(trip.roomLeft)} left before the ${what} of ${money(trip.limit)}, ` +
    `within the ${pct} % buffer (${money(trip.buffer)}); flattened and ${until}`
  );
}
