import type { AccountState } from '../../domain/account-state';
import type { TradingHalt } from '../../domain/trading-halt';
import type { AccountKey } from './account-state.repository.port';

/** What a risk check must read fresh, every time: halts and account states change between signals. */
export interface RiskState {
  /** Active global halts and active halts on any of the firms asked for, oldest first. */
  halts: TradingHalt[];
  /** Every stored state among the keys asked for. */
  states: AccountState[];
}

/**
 * The risk gate's per-check read: the same answers as HaltRepository.active and
 * AccountStateRepository.findMany, read together (one statement on Postgres).
 */
export abstract class RiskStateReader {
  abstract read(firmCodes: string[], keys: AccountKey[]): Promise<RiskState>;
}
