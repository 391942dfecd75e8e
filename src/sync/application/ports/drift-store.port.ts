import type { BelievedSide, DriftKind, PlatformSide } from '../../domain/drift';
import type { StandingDrift } from '../../domain/standing-drifts';

/** What the reconciler did about a drift. */
export type DriftAction = 'recorded' | 'trade_closed' | 'trade_reduced' | 'flattened' | 'flatten_failed';
export const DRIFT_ACTIONS: readonly DriftAction[] = [
  'recorded',
  'trade_closed',
  'trade_reduced',
  'flattened',
  'flatten_failed',
];

/** A drift to record: both sides, and what was done about it. */
export interface NewDrift {
  accountId: number;
  kind: DriftKind;
  key: string;
  root: string;
  symbol: string;
  platform: PlatformSide;
  believed: BelievedSide;
  action: DriftAction;
  /** The flatten's platform order id or error; the trades settled; null when nothing was done. */
  actionDetail: string | null;
  /** Resolved as it is recorded: the reconciler brought PropRouter's record in line (trade closed/reduced). */
  resolved: boolean;
}

/** A recorded drift event. */
export interface DriftEvent extends Omit<NewDrift, 'resolved'> {
  id: number;
  detectedAt: Date;
  /** The last round that still saw it. */
  lastSeenAt: Date;
  /** When a round no longer saw it (or when it was recorded, for a record brought in line); null while it stands. */
  resolvedAt: Date | null;
}

export interface DriftFilter {
  accountId?: number;
  kind?: DriftKind;
}

/** A standing drift, with what was last done about it. */
export interface StandingDriftRow extends StandingDrift {
  action: DriftAction;
}

/** `sync_drift`: one standing row per account and drift key, until a round no longer sees it. */
export abstract class DriftStore {
  /** The account's standing (unresolved) drifts. */
  abstract standing(accountId: number): Promise<StandingDriftRow[]>;
  /** What was done about a standing drift since it was recorded (an orphan flattened once the account asked). */
  abstract setAction(
    accountId: number,
    key: string,
    action: DriftAction,
    detail: string | null,
  ): Promise<void>;
  /** Records drifts; one already standing under the same key (another round got there first) is skipped. */
  abstract record(drifts: NewDrift[]): Promise<DriftEvent[]>;
  /** Marks standing drifts as seen again (`seen`) and resolves the ones no longer seen (`resolved`). */
  abstract update(accountId: number, seen: string[], resolved: string[]): Promise<void>;
  /** Newest first. */
  abstract list(
    filter: DriftFilter,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; items: DriftEvent[] }>;
}
