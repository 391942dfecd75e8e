import { LoginLockout } from './login-lockout';

describe('LoginLockout', () => {
  let now = 0;
  const lockout = (capacity?: number) =>
    new LoginLockout({ after: 3, baseS: 1, maxS: 60 }, () => now, capacity);

  beforeEach(() => (now = 1_000_000));

  it('lets the first failures through, then locks longer after each further failure, up to the cap', () => {
    const l = lockout();
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      waits.push(l.retryAfterS('bob'));
      l.recordFailure('bob');
    }
    waits.push(l.retryAfterS('bob'));
    expect(waits).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60]);
  });

  it('frees the key when the lock has run out, and counts on from where it was', () => {
    const l = lockout();
    for (let i = 0; i < 4; i++) l.recordFailure('bob');
    expect(l.retryAfterS('bob')).toBe(2);
    now += 2_000;
    expect(l.retryAfterS('bob')).toBe(0);
    l.recordFailure('bob');
    expect(l.retryAfterS('bob')).toBe(4);
  });

  it('forgets the count after a success, or a quiet period as long as the longest lock', () => {
    const l = lockout();
    for (let i = 0; i < 3; i++) l.recordFailure('a');
    l.recordSuccess('a');
    l.recordFailure('a');
    expect(l.retryAfterS('a')).toBe(0);
    for (let i = 0; i < 3; i++) l.recordFailure('b');
    now += 61_000;
    l.recordFailure('b');
    expect(l.retryAfterS('b')).toBe(0);
  });

  it('keeps keys apart and its memory bounded, dropping the oldest', () => {
    const l = lockout(2);
    for (const k of ['x', 'y', 'z']) for (let i = 0; i < 3; i++) l.recordFailure(k);
    expect(l.retryAfterS('x')).toBe(0);
    expect(l.retryAfterS('y')).toBe(1);
    expect(l.retryAfterS('z')).toBe(1);
  });
});
