import { ReconcileSchedule } from './reconcile-schedule';

describe('ReconcileSchedule', () => {
  it('due at the first good round, then once per interval (one ms short is not yet)', () => {
    const s = new ReconcileSchedule();
    expect(s.take(1, 1000, 30_000)).toBe(true);
    expect(s.take(1, 30_999, 30_000)).toBe(false);
    expect(s.take(1, 31_000, 30_000)).toBe(true);
    expect(s.take(2, 31_000, 30_000)).toBe(true);
  });

  it('a (re)connect or a down round makes it due at once', () => {
    const s = new ReconcileSchedule();
    s.take(1, 1000, 30_000);
    s.reset(1);
    expect(s.take(1, 1001, 30_000)).toBe(true);
    expect(s.take(1, 1002, 30_000)).toBe(false);
  });
});
