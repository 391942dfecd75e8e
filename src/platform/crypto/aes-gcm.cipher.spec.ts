import { randomBytes } from 'node:crypto';
import { AesGcmCredentialCipher, keyIdOf } from './aes-gcm.cipher';

describe('AesGcmCredentialCipher', () => {
  const key = randomBytes(32);
  const cipher = new AesGcmCredentialCipher(key);
  const creds = { username: 'trader', password: 'pässwörd-🔐-123' };

  it('round-trips, with a fresh IV each time and no plaintext in the ciphertext', () => {
    const a = cipher.seal(creds);
    const b = cipher.seal(creds);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.keyId).toBe(keyIdOf(key));
    expect(a.ciphertext).toMatch(/^v1\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    for (const s of ['trader', 'pässwörd', Buffer.from(creds.password).toString('base64')])
      expect(a.ciphertext.includes(s)).toBe(false);
    expect(cipher.open(a)).toEqual(creds);
  });

  it('refuses another key, naming key ids only', () => {
    const sealed = new AesGcmCredentialCipher(randomBytes(32)).seal(creds);
    expect(() => cipher.open(sealed)).toThrow(
      /sealed under master key [0-9a-f]{16}, the service holds [0-9a-f]{16}/,
    );
    // same key id claimed, other key: the tag fails
    expect(() => cipher.open({ ...sealed, keyId: cipher.keyId() })).toThrow(/wrong master key or tampered/);
  });

  it('detects tampering', () => {
    const sealed = cipher.seal(creds);
    const parts = sealed.ciphertext.split('.');
    const body = Buffer.from(parts[3], 'base64');
    body[0] ^= 1;
    parts[3] = body.toString('base64');
    expect(() => cipher.open({ ...sealed, ciphertext: parts.join('.') })).toThrow(/tampered/);
    expect(() => cipher.open({ ...sealed, ciphertext: 'v2.x' })).toThrow(/unknown ciphertext format/);
  });

  it('reloads the key when a ciphertext names a newer one (a rotation by the CLI)', () => {
    const next = randomBytes(32);
    let current = key;
    const reloading = new AesGcmCredentialCipher(key, () => current);
    const sealed = new AesGcmCredentialCipher(next).seal(creds);
    expect(() => reloading.open(sealed)).toThrow(/sealed under master key/);
    current = next;
    expect(reloading.open(sealed)).toEqual(creds);
    expect(reloading.keyId()).toBe(keyIdOf(next));
  });

  it('with a file key, seals under the key the file holds now (a rotation committed meanwhile)', () => {
    let current = key;
    const fileBacked = new AesGcmCredentialCipher(key, () => current);
    current = randomBytes(32);
    expect(fileBacked.seal(creds).keyId).toBe(keyIdOf(current));
    expect(new AesGcmCredentialCipher(current).open(fileBacked.seal(creds))).toEqual(creds);
  });

  it('wants a 32-byte key', () => {
    expect(() => new AesGcmCredentialCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
