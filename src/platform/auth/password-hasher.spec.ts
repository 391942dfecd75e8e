import bcrypt from 'bcryptjs';
import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id and checks every character', async () => {
    const long = `${'a'.repeat(80)}-1`;
    const stored = await hasher.hash(long);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hasher.needsRehash(stored)).toBe(false);
    expect(await hasher.verify(stored, long)).toBe(true);
    expect(await hasher.verify(stored, `${'a'.repeat(80)}-2`)).toBe(false);
  });

  it('verifies a legacy bcrypt hash, asks for a rehash, and refuses what bcrypt could not have seen', async () => {
    const stored = await bcrypt.hash('legacy-password', 4);
    expect(hasher.needsRehash(stored)).toBe(true);
    expect(await hasher.verify(stored, 'legacy-password')).toBe(true);
    expect(await hasher.verify(stored, 'legacy-passwore')).toBe(false);
    const long = 'b'.repeat(73);
    expect(await hasher.verify(await bcrypt.hash(long, 4), long)).toBe(false);
  });

  it('runs one check at a time, and skips a queued one that is no longer wanted', async () => {
    const stored = await hasher.hash('queued-password');
    let wanted = true;
    const first = hasher.verify(stored, 'queued-password');
    const second = hasher.verify(stored, 'queued-password', () => wanted);
    wanted = false;
    expect(await first).toBe(true);
    expect(await second).toBeNull();
    expect(await hasher.verifyNothing('anything', () => false)).toBeNull();
    expect(await hasher.verifyNothing('anything')).toBe(false);
  });
});
