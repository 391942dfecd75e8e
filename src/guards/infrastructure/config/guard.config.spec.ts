import { readGuardSettings } from './guard.config';

describe('readGuardSettings', () => {
  it('defaults: on, a 10 % buffer, a sweep and a flat-by watch every 5 s', () => {
    const s = readGuardSettings({});
    expect(s).toMatchObject({ enabled: true, sweepMs: 5000, flatByWatchMs: 5000 });
    expect(s.defaultBuffer.toString()).toBe('0.1');
  });

  it('takes a buffer from 0 to 0.9, exact', () => {
    expect(readGuardSettings({ GUARD_BUFFER: '0' }).defaultBuffer.toString()).toBe('0');
    expect(readGuardSettings({ GUARD_BUFFER: '0.125' }).defaultBuffer.toString()).toBe('0.125');
    expect(readGuardSettings({ GUARD_BUFFER: '0.9' }).defaultBuffer.toString()).toBe('0.9');
    expect(readGuardSettings({ GUARD_ENABLED: 'false' }).enabled).toBe(false);
  });

  it('stops the start with the variable named for a bad buffer or interval', () => {
    expect(() => readGuardSettings({ GUARD_BUFFER: '10%' })).toThrow(/GUARD_BUFFER \("10%"\)/);
    expect(() => readGuardSettings({ GUARD_BUFFER: '-0.1' })).toThrow(/GUARD_BUFFER/);
    expect(() => readGuardSettings({ GUARD_BUFFER: '0.95' })).toThrow(
      /GUARD_BUFFER \("0.95"\): must be at most 0.9/,
    );
    expect(() => readGuardSettings({ GUARD_SWEEP_MS: '5' })).toThrow(/GUARD_SWEEP_MS/);
    expect(() => readGuardSettings({ FLAT_BY_WATCH_MS: '99' })).toThrow(/FLAT_BY_WATCH_MS/);
    expect(readGuardSettings({ FLAT_BY_WATCH_MS: '100' }).flatByWatchMs).toBe(100);
  });
});
