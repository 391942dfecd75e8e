import type { AccountState } from '../../domain/account-state';
import type { PendingExposure } from '../../domain/pending-exposure';
import type { TradingHalt } from '../../domain/trading-halt';
import type { AccountKey } from './account-state.repository.port';

/** What a risk check must read fresh, every time: halts and account states change between signals. */
export interface RiskState {
  /** Active global halts and active halts on any of the firms asked for, oldest first. */
  halts: TradingHalt[];
  /** Every stored state among the keys asked for. */
  states: AccountState[];
  /**
   * Per platform-sourced state among them (keyed `keyOf`), the entry orders routed to its account whose
   * fills the platform has not reported yet (pending exposure); a key without any is absent.
   */
  pending: Map<string, PendingExposure>;
}

/**
 * The risk gate's per-check read: the same answers as HaltRepository.active and
 * AccountStateRepository.findMany, with the pending exposure of the platform-synced states, read together
 * (one statement on Postgres).
 */
export abstract class RiskStateReader {
  abstract read(firmCodes: string[], keys: AccountKey[]): Promise<RiskState>;
}
