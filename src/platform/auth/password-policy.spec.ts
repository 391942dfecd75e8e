import { normalizePassword, passwordProblems } from './password-policy';

describe('password policy', () => {
  it('normalizes to NFC, so composed and decomposed accents are one password', () => {
    expect(normalizePassword('caf\u0065\u0301-password')).toBe(normalizePassword('caf\u00e9-password'));
  });

  it('names every problem: too short, too long, lone surrogates', () => {
    expect(passwordProblems('short')).toEqual(['password must be at least 8 characters']);
    expect(passwordProblems('x'.repeat(129))).toEqual(['password must be at most 128 characters']);
    expect(passwordProblems('\uD800abc')).toEqual([
      'password must be well-formed Unicode (it contains a lone surrogate)',
      'password must be at least 8 characters',
    ]);
    expect(passwordProblems('\uD83D\uDE00 emoji pass')).toEqual([]);
    expect(passwordProblems('x'.repeat(128))).toEqual([]);
  });
});
