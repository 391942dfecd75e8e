import { jwtExpiry } from './projectx-session';

const jwt = (payload: unknown) =>
  ['{"alg":"HS256"}', JSON.stringify(payload), 'sig']
    .map((p) => Buffer.from(p).toString('base64url'))
    .join('.');

describe('jwtExpiry', () => {
  it('reads exp (seconds) as ms, and nothing from tokens that do not carry one', () => {
    expect(jwtExpiry(jwt({ exp: 1_800_000_000 }))).toBe(1_800_000_000_000);
    expect(jwtExpiry(jwt({ sub: 'u' }))).toBeNull();
    expect(jwtExpiry('opaque-token')).toBeNull();
    expect(jwtExpiry('a.b.c')).toBeNull();
  });
});
