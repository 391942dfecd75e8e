import { checkConnection } from './connection-validation';
import { applyCredentials, credentialsSet } from './credentials';
import { effectiveBaseUrl } from './platforms';

describe('applyCredentials', () => {
  it('a value replaces the field, null removes it, absent keeps it', () => {
    const r = applyCredentials(
      'tradovate',
      { username: 'u', password: 'old', cid: '1' },
      { password: 'new', cid: null, sec: 's' },
    );
    expect(r).toEqual({ ok: true, credentials: { username: 'u', password: 'new', sec: 's' } });
  });

  it('names an unknown field and a field of another platform, never a value', () => {
    const r = applyCredentials('projectx', {}, { sec: 'SECRET-1', bogus: 'SECRET-2', api_key: '' });
    expect(r.ok).toBe(false);
    const text = JSON.stringify(r);
    expect(text).not.toMatch(/SECRET/);
    expect(!r.ok && r.problems).toEqual([
      'credentials.sec: not a projectx credential (projectx takes username, api_key)',
      'credentials.bogus: unknown credential field (projectx takes username, api_key)',
      'credentials.api_key: must be a non-empty string of at most 1000 characters',
    ]);
  });

  it('a platform change keeps stored fields only when the new platform takes them', () => {
    const stored = { username: 'u', password: 'p' };
    expect(applyCredentials('projectx', stored, undefined)).toEqual({
      ok: false,
      problems: ['credentials.password: projectx does not take it (set it to null to remove it)'],
    });
    expect(applyCredentials('projectx', stored, { password: null, api_key: 'k' })).toEqual({
      ok: true,
      credentials: { username: 'u', api_key: 'k' },
    });
  });

  it('refuses a non-object', () => {
    expect(applyCredentials('rest', {}, 'k')).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^credentials: must be an object/)],
    });
  });

  it('credentials_set lists names in the platform’s order', () => {
    expect(credentialsSet('tradovate', { sec: 'x', username: 'y', password: 'z' })).toEqual([
      'username',
      'password',
      'sec',
    ]);
  });
});

describe('checkConnection and base URLs', () => {
  it('defaults per platform and environment; REST needs base_url', () => {
    expect(effectiveBaseUrl('tradovate', 'live', null)).toBe('https://live.tradovateapi.com/v1');
    expect(effectiveBaseUrl('projectx', 'demo', null)).toBe('https://gateway-api-demo.s2f.projectx.com');
    expect(effectiveBaseUrl('projectx', 'live', null)).toBe('https://api.topstepx.com');
    expect(effectiveBaseUrl('rest', 'demo', 'http://x')).toBe('http://x');
    expect(checkConnection({ name: 'r', platform: 'rest', environment: 'demo', base_url: null })).toEqual({
      ok: false,
      problems: ['base_url: is required for rest connections (there is no default URL)'],
    });
    expect(
      checkConnection({ name: 'r', platform: 'rest', environment: 'demo', base_url: 'https://h/api/' }),
    ).toEqual({
      ok: true,
      value: { name: 'r', platform: 'rest', environment: 'demo', base_url: 'https://h/api' },
    });
  });

  it('lists every problem', () => {
    const r = checkConnection({ name: 'env:x', platform: 'mt5', environment: 'prod', base_url: 'nope' });
    expect(!r.ok && r.problems.map((p) => p.split(':')[0])).toEqual([
      'name',
      'platform',
      'environment',
      'base_url',
    ]);
  });
});
