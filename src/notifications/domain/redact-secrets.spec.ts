import { redactSecrets } from './redact-secrets';

describe('redactSecrets', () => {
  it('replaces a secret value wherever it appears', () => {
    expect(redactSecrets('bad token 123:abcd at 123:abcd', { bot_token: '123:abcd' })).toBe(
      'bad token [REDACTED] at [REDACTED]',
    );
  });

  it('replaces a secret URL, its path and its long path segments', () => {
    const url = 'https://discord.com/api/webhooks/1234567890/tok-ABCDEFGH';
    const s = { webhook_url: url };
    expect(redactSecrets(`POST ${url} failed`, s)).toBe('POST [REDACTED] failed');
    expect(redactSecrets('unknown webhook tok-ABCDEFGH', s)).toBe('unknown webhook [REDACTED]');
    expect(redactSecrets('path /api/webhooks/1234567890/tok-ABCDEFGH', s)).toBe('path [REDACTED]');
  });

  it('keeps a text without secrets and caps its length', () => {
    expect(redactSecrets('HTTP 500', { bot_token: 'x' })).toBe('HTTP 500');
    expect(redactSecrets('a'.repeat(900), {})).toHaveLength(500);
  });
});
