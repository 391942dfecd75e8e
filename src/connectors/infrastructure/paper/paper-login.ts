import type { PaperAccountRef, PaperVenue } from '../../application/paper-venue.service';
import {
  AccountTarget,
  PlatformAccountInfo,
  PlatformLogin,
  PlatformState,
} from '../../application/ports/broker-connector.port';
import { PaperConnector } from './paper.connector';

/**
 * A `paper` connection (issue 19): no credentials, no network. Its accounts are books in PropRouter's paper
 * ledger, keyed by the connection and the account's `platform_account` (any name the operator chooses), each
 * opened on first use at its program's account size. The state is polled like the generic REST API's.
 */
export class PaperLogin extends PlatformLogin {
  readonly platform = 'paper' as const;

  constructor(
    private readonly connectionId: number,
    private readonly venue: PaperVenue,
  ) {
    super();
  }

  async authenticate(): Promise<void> {}

  /** The paper accounts this connection's ledger holds (an account appears once it has been read or traded). */
  async listAccounts(): Promise<PlatformAccountInfo[]> {
    const names = await this.venue.accounts(this.connectionId);
    return names.map((name) => ({ platform_account: name, name }));
  }

  connector(target: AccountTarget): PaperConnector {
    return new PaperConnector(target.firmCode, this.ref(target), this.venue);
  }

  readState(target: AccountTarget, fillsSince: Date | null): Promise<PlatformState> {
    return this.venue.state(this.ref(target), fillsSince);
  }

  secrets(): string[] {
    return [];
  }

  /** An env account (`{FIRM}_PLATFORM=paper`) names no platform account: its book is `env:{FIRM}`. */
  private ref(target: AccountTarget): PaperAccountRef {
    return {
      connectionId: this.connectionId,
      platformAccount: target.platformAccount ?? `env:${target.firmCode}`,
      programId: target.programId ?? null,
    };
  }
}
