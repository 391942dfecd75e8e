import { hash, timingSafeEqual } from 'node:crypto';
import type { BlockList } from 'node:net';
import { addressListed } from '../../platform/config/address-list';
import { AppError } from '../../platform/errors/app-error';

/**
 * Who may post signals: an optional sender allowlist, then the shared secret. Secrets are compared as
 * SHA-256 digests with timingSafeEqual (equal lengths, constant time), against every configured secret.
 */
export class WebhookAccess {
  private readonly digests: Buffer[];

  constructor(
    secrets: string[],
    private readonly allowedSenders: BlockList | null,
  ) {
    this.digests = secrets.map(digest);
  }

  /** 503 when no secret is configured (the webhook is off), 403 for a sender outside the allowlist. */
  assertOpenTo(ip: string): void {
    if (this.digests.length === 0) {
      throw new AppError('UNAVAILABLE', 'Webhook disabled: WEBHOOK_SECRET is not configured on this server');
    }
    if (this.allowedSenders && !this.senderAllowed(ip)) {
      throw new AppError('FORBIDDEN', 'Sender address not allowed (WEBHOOK_ALLOWED_IPS)');
    }
  }

  /** 401 unless `given` matches a configured secret. */
  assertSecret(given: unknown): void {
    if (typeof given !== 'string' || given.length === 0 || given.length > 1024) throw unauthorized();
    const candidate = digest(given);
    let match = false;
    for (const d of this.digests) match = timingSafeEqual(d, candidate) || match;
    if (!match) throw unauthorized();
  }

  private senderAllowed(ip: string): boolean {
    return addressListed(this.allowedSenders!, ip);
  }
}

/** One-shot hash: no Hash object per request (the secret is digested on every webhook call). */
function digest(secret: string): Buffer {
  return hash('sha256', secret, 'buffer');
}

function unauthorized(): AppError {
  return new AppError(
    'UNAUTHORIZED',
    'Invalid or missing webhook secret (body "secret" or header X-Webhook-Secret)',
  );
}
