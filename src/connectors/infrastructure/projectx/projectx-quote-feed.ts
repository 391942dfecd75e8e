import { Logger } from '@nestjs/common';
import { decimalText } from '../state/decimal-text';
import { HubLinkOptions, HubTokens, ProjectXHubLink } from './projectx-hub-link';
import type { ContractQuote } from './projectx-open-pnl';
import type { ProjectXContract } from './projectx.types';

/** The login's contract lookups the feed needs (cached by the login). */
export interface QuoteContracts {
  byId(contractId: string): Promise<ProjectXContract>;
  /** The id of a contract name the login has resolved; null when none. */
  idOf(name: string): string | null;
}

/**
 * The ProjectX market hub of one login: `SubscribeContractQuotes` for the contracts its accounts hold (and
 * `UnsubscribeContractQuotes` once none does), re-subscribed on every reconnect; each `GatewayQuote`'s last
 * price is kept with the contract's tick size and value, and `priced(name)` is called so that the holders'
 * open P&L is delivered again. While the hub is down no price is known (open P&L unknown, not stale).
 */
export class ProjectXQuoteFeed {
  private readonly link: ProjectXHubLink;
  /** Held contract name → id. */
  private wanted = new Map<string, string>();
  private readonly subscribed = new Set<string>();
  private readonly ticks = new Map<string, { name: string; tickSize: string; tickValue: string }>();
  private readonly prices = new Map<string, string>();
  private connected = false;

  constructor(
    hubUrl: string,
    tokens: HubTokens,
    private readonly contracts: QuoteContracts,
    private readonly priced: (name: string) => void,
    link?: HubLinkOptions,
  ) {
    this.link = new ProjectXHubLink(
      hubUrl,
      tokens,
      { connected: () => this.connectedNow(), down: () => this.lost() },
      new Logger('ProjectXQuoteFeed'),
      link,
    );
    this.link.connection.on('GatewayQuote', (contractId: unknown, quote: unknown) =>
      this.quoted(contractId, quote),
    );
  }

  start(): this {
    this.link.start();
    return this;
  }

  close(): Promise<void> {
    return this.link.close();
  }

  /** The contract names held now: new ones are subscribed, ones no longer held unsubscribed. */
  hold(names: Iterable<string>): void {
    const next = new Map<string, string>();
    for (const name of names) {
      const id = this.contracts.idOf(name);
      if (id) next.set(name, id);
    }
    this.wanted = next;
    if (this.connected) this.sync();
  }

  /** The last price and tick of a held contract; null when unknown. */
  quote(name: string): ContractQuote | null {
    const id = this.wanted.get(name);
    const tick = id ? this.ticks.get(id) : undefined;
    const price = id ? this.prices.get(id) : undefined;
    return tick && price ? { price, tickSize: tick.tickSize, tickValue: tick.tickValue } : null;
  }

  private connectedNow(): void {
    this.connected = true;
    this.subscribed.clear();
    this.sync();
  }

  private lost(): void {
    this.connected = false;
    this.subscribed.clear();
    this.prices.clear();
  }

  private sync(): void {
    const ids = new Set(this.wanted.values());
    for (const id of ids) if (!this.subscribed.has(id)) void this.subscribe(id);
    for (const id of [...this.subscribed].filter((x) => !ids.has(x))) {
      this.subscribed.delete(id);
      this.prices.delete(id);
      this.link.connection.invoke('UnsubscribeContractQuotes', id).catch((e: unknown) => this.link.fail(e));
    }
  }

  private async subscribe(id: string): Promise<void> {
    this.subscribed.add(id);
    try {
      const c = await this.contracts.byId(id);
      const [tickSize, tickValue] = [decimalText(c.tickSize), decimalText(c.tickValue)];
      if (tickSize && tickValue) this.ticks.set(id, { name: c.name, tickSize, tickValue });
      await this.link.connection.invoke('SubscribeContractQuotes', id);
    } catch (error) {
      this.subscribed.delete(id);
      this.link.fail(error);
    }
  }

  private quoted(contractId: unknown, quote: unknown): void {
    if (typeof contractId !== 'string' || !quote || typeof quote !== 'object') return;
    // Quotes may carry only the fields that changed: a quote without a last price keeps the one known.
    const price = decimalText((quote as { lastPrice?: unknown }).lastPrice);
    const tick = this.ticks.get(contractId);
    if (price === null || !tick || !this.subscribed.has(contractId)) return;
    this.prices.set(contractId, price);
    this.priced(tick.name);
  }
}
