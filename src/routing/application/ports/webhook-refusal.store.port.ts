import type { WebhookRefusal } from '../../domain/webhook-refusal';

export interface StoredRefusal extends WebhookRefusal {
  id: number;
  receivedAt: Date;
  /** Refusals not stored just before this one, because they came faster than the recording budget. */
  suppressedBefore: number;
}

/** Refused webhook requests, newest first, bounded: the oldest beyond `keep` are dropped on each insert. */
export abstract class WebhookRefusalStore {
  abstract insert(refusal: WebhookRefusal, suppressedBefore: number, keep: number): Promise<void>;
  abstract list(page: { limit: number; offset: number; status?: number }): Promise<{
    total: number;
    items: StoredRefusal[];
  }>;
}
