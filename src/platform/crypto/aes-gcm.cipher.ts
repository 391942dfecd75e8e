import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { CredentialCipher, SealedCredentials } from './credential-cipher';

const VERSION = 'v1';
const AAD = Buffer.from('proprouter:platform_connections:credentials:v1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The public id of a master key: a truncated SHA-256 of it (tells keys apart, reveals nothing usable). */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('proprouter-master-key:').update(key).digest('hex').slice(0, 16);
}

/**
 * AES-256-GCM of the credentials' JSON: `v1.<iv>.<tag>.<ciphertext>` (base64), a fresh 96-bit IV per seal,
 * with the key's id stored beside it. `reload` (a key kept in a file) re-reads the key before each seal and
 * when a ciphertext names another key than the one held, so a rotation by the CLI is followed at once.
 */
export class AesGcmCredentialCipher extends CredentialCipher {
  private id: string;

  constructor(
    private key: Buffer,
    private readonly reload?: () => Buffer,
  ) {
    super();
    if (key.length !== 32) throw new Error('the master key must be 32 bytes');
    this.id = keyIdOf(key);
  }

  keyId(): string {
    return this.id;
  }

  seal(credentials: Record<string, string>): SealedCredentials {
    // Re-read a file key before sealing (writes are rare): a rotation that committed meanwhile is followed.
    if (this.reload) this.adopt(this.reload());
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(AAD);
    const body = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64'));
    return { keyId: this.id, ciphertext: [VERSION, ...parts].join('.') };
  }

  open(sealed: SealedCredentials): Record<string, string> {
    if (sealed.keyId !== this.id) this.tryReload(sealed.keyId);
    const [version, iv, tag, body] = sealed.ciphertext.split('.');
    if (version !== VERSION || body === undefined) throw new Error('Credentials: unknown ciphertext format');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(AAD);
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]);
      return JSON.parse(text.toString('utf8')) as Record<string, string>;
    } catch {
      throw new Error('Credentials could not be decrypted: wrong master key or tampered ciphertext');
    }
  }

  private adopt(key: Buffer): void {
    this.key = key;
    this.id = keyIdOf(key);
  }

  private tryReload(wanted: string): void {
    const next = this.reload?.();
    if (next && keyIdOf(next) === wanted) {
      this.adopt(next);
      return;
    }
    throw new Error(
      `Credentials are sealed under master key ${wanted}, the service holds ${this.id}: ` +
        'set PROPROUTER_MASTER_KEY to the key that sealed them (or restart after npm run accounts:rotate-key)',
    );
  }
}
