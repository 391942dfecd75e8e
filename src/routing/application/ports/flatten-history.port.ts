import type { FlattenCause, FlattenedPosition, FlattenStatus } from './account-flattener.port';

/** One recorded flatten, as the kill switch's audit shows it. */
export interface FlattenEntry {
  id: number;
  accountId: number;
  cause: FlattenCause;
  reason: string;
  requestedBy: string;
  /** RUNNING until it ends. */
  outcome: FlattenStatus | 'RUNNING';
  closed: FlattenedPosition[];
  error: string | null;
  at: Date;
  finishedAt: Date | null;
}

/** The flattens recorded (`account_flattens`), newest first: who asked, why, what came of it. */
export abstract class FlattenHistory {
  abstract recent(limit: number): Promise<FlattenEntry[]>;
}
