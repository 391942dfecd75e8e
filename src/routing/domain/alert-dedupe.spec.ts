import { alertKey, DEFAULT_DEDUPE_WINDOW_S, EarlierAlert, isRepeat, readAlertTime } from './alert-dedupe';
import { normalizeSignal } from './normalize-signal';
import type { Signal } from './signal';

let generated = 0;
function signal(body: Record<string, unknown>): Signal {
  const r = normalizeSignal(body, () => `generated-${++generated}`);
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.signal;
}

/** The key as the intake computes it: the trade id only when the sender gave one. */
function keyOf(body: Record<string, unknown>) {
  const problems: string[] = [];
  const time = readAlertTime(body, problems);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return alertKey(signal(body), body.trade_id !== undefined, time);
}

describe('alertKey', () => {
  const long = { ticker: 'MNQ1!', action: 'buy', trade_id: 'Long', quantity: 1 };

  it('keys an alert with a trade id by the id and the event, whatever else it says', () => {
    expect(keyOf(long)).toEqual({
      event_type: 'entry',
      trade_id: 'Long',
      body_hash: '',
      alert_time: '',
      scope: 'trade:Long',
    });
    expect(keyOf({ ...long, quantity: 5, price: 21000 })).toEqual(keyOf(long));
    expect(keyOf({ ...long, action: 'exit' })).toMatchObject({ event_type: 'exit', trade_id: 'Long' });
  });

  it('adds the alert time (time or timenow) when the alert sends one', () => {
    expect(keyOf({ ...long, time: '2026-12-02T22:00:01Z' }).alert_time).toBe('2026-12-02T22:00:01Z');
    expect(keyOf({ ...long, timenow: '2026-12-02T22:00:01Z' })).toEqual(
      keyOf({ ...long, time: '2026-12-02T22:00:01Z' }),
    );
    expect(keyOf({ ...long, time: 1764712801000 }).alert_time).toBe('1764712801000');
    expect(keyOf({ ...long, time: '' }).alert_time).toBe(''); // empty (or null): none sent
  });

  it('keys an alert without a trade id by its content (not by the id generated for it), in any field order', () => {
    const buy = { ticker: 'MNQ1!', action: 'buy', sentiment: 'long', quantity: 1 };
    const a = keyOf(buy);
    expect(a.trade_id).toBe('');
    expect(a.body_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(keyOf({ quantity: '1', sentiment: 'long', action: 'buy', ticker: 'MNQ1!' })).toEqual(a);
    expect(keyOf({ ...buy, quantity: 2 }).body_hash).not.toBe(a.body_hash);
    // another alert of the same symbol for the same accounts shares the scope; other accounts do not
    expect(keyOf({ ticker: 'mnq1!', action: 'sell', sentiment: 'flat' }).scope).toBe(a.scope);
    expect(keyOf({ ...buy, accounts: ['apex-1'] }).scope).not.toBe(a.scope);
    expect(keyOf({ ...buy, ticker: 'ES1!' }).scope).not.toBe(a.scope);
  });

  it('never mixes a trade id with a content hash', () => {
    expect(keyOf({ ticker: 'NQ', action: 'buy', trade_id: 'x', quantity: 1 }).scope).toBe('trade:x');
    expect(keyOf({ ticker: 'NQ', action: 'buy', quantity: 1 }).scope).toMatch(/^alert:[0-9a-f]{64}$/);
  });
});

describe('readAlertTime', () => {
  it('names a time that is not text or a number, too long, or given twice', () => {
    const problems: string[] = [];
    expect(readAlertTime({ time: { at: 1 } }, problems)).toBeNull();
    expect(readAlertTime({ time: 'x'.repeat(65) }, problems)).toBeNull();
    expect(readAlertTime({ time: '1', timenow: '2' }, problems)).toBeNull();
    expect(problems).toEqual([
      'time: must be a string',
      'time: must be 1 to 64 printable characters',
      'time: give the alert time once (time or timenow, not both)',
    ]);
    expect(readAlertTime({}, problems)).toBeNull();
    expect(problems).toHaveLength(3);
  });
});

describe('isRepeat (ALERT_DEDUPE_WINDOW_S)', () => {
  const received = new Date('2026-12-02T22:00:00.000Z');
  const at = (ms: number) => new Date(received.getTime() + ms);
  const earlier = (o: Partial<EarlierAlert> = {}): EarlierAlert => ({
    receivedAt: received,
    timed: false,
    otherSince: false,
    ...o,
  });
  const W = DEFAULT_DEDUPE_WINDOW_S;

  it('is a repeat just inside the window, new at it and just over it', () => {
    expect(isRepeat(earlier(), at(0), W)).toBe(true); // TradingView's double-fire: the same instant
    expect(isRepeat(earlier(), at(59_999), W)).toBe(true);
    expect(isRepeat(earlier(), at(60_000), W)).toBe(false);
    expect(isRepeat(earlier(), at(60_001), W)).toBe(false);
  });

  it('follows the configured window', () => {
    expect(isRepeat(earlier(), at(999), 1)).toBe(true);
    expect(isRepeat(earlier(), at(1000), 1)).toBe(false);
    expect(isRepeat(earlier(), at(86_399_999), 86_400)).toBe(true);
  });

  it('is new within the window once another alert of its trade came (a reused "Long" after its exit)', () => {
    expect(isRepeat(earlier({ otherSince: true }), at(1), W)).toBe(false);
  });

  it('stays a repeat for an alert with a time whatever came since (the same alert, delivered late)', () => {
    expect(isRepeat(earlier({ timed: true, otherSince: true }), at(59_999), W)).toBe(true);
    expect(isRepeat(earlier({ timed: true, otherSince: true }), at(60_000), W)).toBe(false);
  });
});
