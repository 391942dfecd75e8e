/** Credentials as stored: AES-256-GCM ciphertext and the id of the master key that sealed it. */
export interface SealedCredentials {
  keyId: string;
  ciphertext: string;
}

/** Seals and opens secrets (platform credentials, notification channel secrets) under the master key. Never logs a value. */
export abstract class CredentialCipher {
  /** The id of the master key in use (a fingerprint, not the key). */
  abstract keyId(): string;
  abstract seal(credentials: Record<string, string>): SealedCredentials;
  /** Throws when the ciphertext was sealed under another key or was tampered with. */
  abstract open(sealed: SealedCredentials): Record<string, string>;
}
