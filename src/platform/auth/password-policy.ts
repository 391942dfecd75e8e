/**
 * What a password may be. Hashes see the NFC form, so the same password typed on two keyboards is one
 * password; every character counts (argon2id has no 72-byte cut-off), and the bounds are checked up front
 * so that nothing is silently dropped.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function normalizePassword(password: string): string {
  return password.normalize('NFC');
}

/** Every problem with a new password (already normalized), naming the field. */
export function passwordProblems(password: string, field = 'password'): string[] {
  const problems: string[] = [];
  if (LONE_SURROGATE.test(password))
    problems.push(`${field} must be well-formed Unicode (it contains a lone surrogate)`);
  if (password.length < PASSWORD_MIN_LENGTH)
    problems.push(`${field} must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH)
    problems.push(`${field} must be at most ${PASSWORD_MAX_LENGTH} characters`);
  return problems;
}
