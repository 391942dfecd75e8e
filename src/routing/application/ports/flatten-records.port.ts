import type { PlatformWorkingOrder } from '../../../shared-kernel/platform-state';
import type { FlattenedPosition, FlattenRequest, FlattenStatus } from './account-flattener.port';

/** How a flatten ended, as recorded. */
export interface FlattenRecord {
  status: FlattenStatus;
  closed: FlattenedPosition[];
  /** The working orders cancelled (or, in a dry run, that would have been). */
  cancelled: PlatformWorkingOrder[];
  error: string | null;
}

/**
 * The `account_flattens` table: a flatten is recorded RUNNING before any order is sent (its orders name
 * it), and its outcome is written once; the `account.flattened` notice is emitted with that write.
 */
export abstract class FlattenRecords {
  /** The new record's id and its time. */
  abstract start(request: FlattenRequest): Promise<{ id: number; at: Date }>;
  abstract finish(id: number, record: FlattenRecord): Promise<void>;
}
