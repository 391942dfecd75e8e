import type { PlatformWorkingOrder } from '../../shared-kernel/platform-state';

/** Working order types that count as a stop covering a position (a stop-limit included: it works as one). */
const STOP_TYPES: ReadonlySet<PlatformWorkingOrder['type']> = new Set(['STOP', 'STOP_LIMIT']);

/** How far working stops cover the position an entry is part of, in one contract of one account. */
export interface Coverage {
  /** Contracts held in the entry's direction; 0 when flat or held the other way. */
  position: number;
  /** Contracts of the working stops on the other side (every stop there counts, whoever placed it). */
  covered: number;
  /** Contracts a new stop must cover: position − covered, never below 0. */
  missing: number;
  /** The side a protective stop takes: the other way from the entry. */
  stopSide: 'BUY' | 'SELL';
}

/** What one read of the platform shows about a filled (or filling) entry. */
export interface ProtectionReading {
  entrySide: 'BUY' | 'SELL';
  /** The entry's platform order id, to tell whether it still works (unfilled); null when unknown. */
  entryOrderId: string | null;
  /** Signed net position in the contract (long > 0). */
  netQuantity: number;
  workingOrders: readonly PlatformWorkingOrder[];
}

/**
 * The next step of a protection check after one read: WAIT (look again: a bracket's legs may not be
 * working yet), PROTECTED (working stops cover the whole position), and once the time is up PLACE_STOP
 * (some of it is uncovered), NOT_FILLED (no position yet, the entry still works) or FLAT (no position and
 * no working entry: nothing left to protect).
 */
export type ProtectionStep = 'WAIT' | 'PROTECTED' | 'PLACE_STOP' | 'NOT_FILLED' | 'FLAT';

export function coverageOf(r: Omit<ProtectionReading, 'entryOrderId'>): Coverage {
  const stopSide = r.entrySide === 'BUY' ? 'SELL' : 'BUY';
  const held = r.entrySide === 'BUY' ? r.netQuantity : -r.netQuantity;
  const position = Math.max(0, held);
  const covered = r.workingOrders
    .filter((o) => o.side === stopSide && STOP_TYPES.has(o.type))
    .reduce((sum, o) => sum + Math.max(0, o.quantity), 0);
  return { position, covered, missing: Math.max(0, position - covered), stopSide };
}

/** Decides the step from a read and whether the time to confirm (PROTECT_TIMEOUT_MS) is up. */
export function protectionStep(
  r: ProtectionReading,
  timedOut: boolean,
): { step: ProtectionStep; coverage: Coverage } {
  const coverage = coverageOf(r);
  if (coverage.position === 0) {
    if (!timedOut) return { step: 'WAIT', coverage };
    const working = r.entryOrderId !== null && r.workingOrders.some((o) => o.orderId === r.entryOrderId);
    return { step: working ? 'NOT_FILLED' : 'FLAT', coverage };
  }
  if (coverage.missing === 0) return { step: 'PROTECTED', coverage };
  return { step: timedOut ? 'PLACE_STOP' : 'WAIT', coverage };
}

/** "3 held, 2 covered by working stops": the coverage in words, for the result's detail. */
export function describeCoverage(c: Coverage): string {
  return `${c.position} held, ${c.covered} covered by working ${c.stopSide} stops`;
}

/**
 * The client order id of an order the protection check sends for an entry: its protective stop (`ps`) or
 * its flattening (`pf`). Derived from the entry's, so a task run again after a crash uses the same ids.
 */
export function protectionOrderId(entryClientOrderId: string, role: 'stop' | 'flatten'): string {
  return `${entryClientOrderId.replace(/-en$/, '')}-${role === 'stop' ? 'ps' : 'pf'}`;
}
