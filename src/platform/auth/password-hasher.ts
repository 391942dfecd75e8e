import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';

// OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): ~20-60 ms of one core on this project's machines.
const ARGON2 = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const CURRENT_PREFIX = `$argon2id$v=19$m=${ARGON2.memoryCost},t=${ARGON2.timeCost},p=${ARGON2.parallelism}$`;
const BCRYPT = /^\$2[abxy]?\$/;
/** bcrypt reads only this many bytes: a longer password cannot be checked against a bcrypt hash. */
const BCRYPT_MAX_BYTES = 72;
/**
 * Hashes run in libuv's thread pool (off the event loop), but they still take a core each: at most this
 * many at once, so a burst of logins leaves the other core to the webhook and Postgres.
 */
const MAX_CONCURRENT = 1;

const always = () => true;

/** argon2id for every new hash; bcrypt hashes from before issue 12 still verify, and are then replaced. */
@Injectable()
export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private dummy?: Promise<string>;

  async hash(password: string): Promise<string> {
    return (await this.limited(() => hash(password, ARGON2)))!;
  }

  /**
   * False also for a bcrypt hash and a password longer than bcrypt could have hashed. Null when
   * `stillWanted` says no once this check's turn comes (e.g. the user was locked while it waited).
   */
  verify(stored: string, password: string, stillWanted: () => boolean = always): Promise<boolean | null> {
    if (BCRYPT.test(stored)) {
      if (Buffer.byteLength(password, 'utf8') > BCRYPT_MAX_BYTES) return Promise.resolve(false);
      return this.limited(() => bcrypt.compare(password, stored), stillWanted);
    }
    return this.limited(() => verify(stored, password).catch(() => false), stillWanted);
  }

  /** The same work as a real check, for a user who does not exist: timing does not tell usernames. */
  async verifyNothing(password: string, stillWanted: () => boolean = always): Promise<false | null> {
    this.dummy ??= this.hash(randomBytes(16).toString('base64url'));
    return (await this.verify(await this.dummy, password, stillWanted)) === null ? null : false;
  }

  /** A bcrypt hash, or argon2id with other parameters than today's. */
  needsRehash(stored: string): boolean {
    return !stored.startsWith(CURRENT_PREFIX);
  }

  private async limited<T>(work: () => Promise<T>, stillWanted: () => boolean = always): Promise<T | null> {
    if (this.running < MAX_CONCURRENT) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // a finishing check hands its slot over
    try {
      return stillWanted() ? await work() : null;
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
