import { Logger } from '@nestjs/common';
import type { Clock } from '../../../platform/time/clock';
import type { AccountTarget, PlatformState } from '../../application/ports/broker-connector.port';
import type { PlatformStream, StreamListener } from '../../application/ports/platform-stream.port';
import { AccountPicture } from './projectx-account-picture';
import {
  eventAccount,
  eventContract,
  hubEvents,
  ProjectXHubEvent,
  USER_HUB_EVENTS,
} from './projectx-hub-events';
import { HubLinkOptions, HubTokens, ProjectXHubLink } from './projectx-hub-link';
import { openPnl } from './projectx-open-pnl';
import { ProjectXQuoteFeed, QuoteContracts } from './projectx-quote-feed';

/** One account the stream keeps: the trading account (snapshots) and its ProjectX account id. */
export interface ProjectXStreamAccount {
  accountId: number;
  platformAccountId: number;
  target: AccountTarget;
}

export interface ProjectXUserStreamDeps {
  /** The user hub, e.g. https://rtc.topstepx.com/hubs/user. */
  hubUrl: string;
  /** The market hub beside it (quotes, for open P&L). */
  marketHubUrl: string;
  tokens: HubTokens;
  accounts: ProjectXStreamAccount[];
  listener: StreamListener;
  /** The login's REST read of one account (balance, positions, trades since the cursor, open orders). */
  readState(target: AccountTarget, fillsSince: Date | null): Promise<PlatformState>;
  /** The login's contracts (names, ticks), cached by the login. */
  contracts: QuoteContracts;
  clock: Clock;
  link?: HubLinkOptions;
  /** How far back the first picture lists trades (default 24 h: the Gateway's session). */
  fillsLookbackMs?: number;
}

/** After a reconnect, trades are read again from a little before the stream went down. */
const RESYNC_MARGIN_MS = 60_000;
const DEFAULT_LOOKBACK_MS = 24 * 60 * 60 * 1000;

/**
 * The ProjectX user hub of one login, for all its accounts on one connection (never one per account). On
 * every (re)connect: `SubscribeAccounts`, then `SubscribeOrders` / `SubscribePositions` / `SubscribeTrades`
 * per account, then one REST read per account (trades since a little before the stream went down) so the
 * picture is complete; each account's picture is delivered and only then is the stream reported up. After
 * that, every event updates its account's picture and delivers it with the fills first seen. Events are
 * applied one at a time, in arrival order, behind any (re)subscription under way. The user hub carries no
 * open P&L: it is computed from the market hub's quotes of the contracts held (ProjectXQuoteFeed, a second
 * connection for the whole login), and a price move delivers the holders' pictures again. Open P&L is null
 * while a held contract has no quote (the market hub down or not yet answered). `up` is the user hub's.
 */
export class ProjectXUserStream implements PlatformStream {
  private readonly link: ProjectXHubLink;
  private readonly quotes: ProjectXQuoteFeed;
  private readonly pictures = new Map<number, { account: ProjectXStreamAccount; picture: AccountPicture }>();
  private queue: Promise<void> = Promise.resolve();
  private up = false;
  private lastError: string | null = null;
  private downSince: Date | null = null;
  private synced = false;
  private closed = false;

  constructor(private readonly deps: ProjectXUserStreamDeps) {
    for (const account of deps.accounts) {
      this.pictures.set(account.platformAccountId, {
        account,
        picture: new AccountPicture(account.accountId),
      });
    }
    const logger = new Logger('ProjectXUserStream');
    this.link = new ProjectXHubLink(
      deps.hubUrl,
      deps.tokens,
      { connected: () => this.enqueue(() => this.resync()), down: (e) => this.down(e) },
      logger,
      deps.link,
    );
    for (const [name, kind] of Object.entries(USER_HUB_EVENTS)) {
      this.link.connection.on(name, (payload: unknown) => this.received(kind, payload));
    }
    this.quotes = new ProjectXQuoteFeed(
      deps.marketHubUrl,
      deps.tokens,
      deps.contracts,
      (name) => this.enqueue(async () => this.priced(name)),
      deps.link,
    );
  }

  start(): this {
    this.link.start();
    this.quotes.start();
    return this;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([this.link.close(), this.quotes.close()]);
    await this.queue;
  }

  private received(kind: ProjectXHubEvent['kind'], payload: unknown): void {
    const readAt = this.deps.clock.now().toISOString();
    for (const event of hubEvents(kind, payload)) this.enqueue(() => this.apply(event, readAt));
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error: unknown) => this.link.fail(error));
  }

  private async resync(): Promise<void> {
    if (this.closed) return;
    const now = this.deps.clock.now().getTime();
    const since = this.synced
      ? new Date((this.downSince?.getTime() ?? now) - RESYNC_MARGIN_MS)
      : new Date(now - (this.deps.fillsLookbackMs ?? DEFAULT_LOOKBACK_MS));
    const hub = this.link.connection;
    await hub.invoke('SubscribeAccounts');
    for (const id of this.pictures.keys()) {
      await Promise.all(
        ['SubscribeOrders', 'SubscribePositions', 'SubscribeTrades'].map((m) => hub.invoke(m, id)),
      );
    }
    const entries = [...this.pictures.values()];
    const states = await Promise.all(entries.map((e) => this.deps.readState(e.account.target, since)));
    if (this.closed) return;
    const readAt = this.deps.clock.now().toISOString();
    entries.forEach((e, i) => e.picture.reset(states[i]));
    this.holdQuotes();
    for (const e of entries) this.deliver(e.picture, readAt);
    this.synced = true;
    this.up = true;
    this.lastError = null;
    this.downSince = null;
    this.deps.listener.onStatus({ up: true, error: null });
  }

  private async apply(event: ProjectXHubEvent, readAt: string): Promise<void> {
    const entry = this.pictures.get(eventAccount(event));
    if (!entry || this.closed) return;
    const contract = eventContract(event);
    const symbol = contract === null ? '' : (await this.deps.contracts.byId(contract)).name;
    entry.picture.apply(event, symbol);
    if (event.kind === 'position') this.holdQuotes();
    // While down, the next resync delivers the picture (and these fills) before reporting up.
    if (this.up) this.deliver(entry.picture, readAt);
  }

  /** A held contract's price moved: its holders' open P&L with it. */
  private priced(name: string): void {
    if (!this.up || this.closed) return;
    const readAt = this.deps.clock.now().toISOString();
    for (const { picture } of this.pictures.values()) {
      if (picture.openPositions().some((p) => p.symbol === name)) this.deliver(picture, readAt);
    }
  }

  private holdQuotes(): void {
    const held = [...this.pictures.values()].flatMap((e) => e.picture.openPositions().map((p) => p.symbol));
    this.quotes.hold(new Set(held));
  }

  private deliver(picture: AccountPicture, readAt: string): void {
    const pnl = openPnl(picture.openPositions(), (name) => this.quotes.quote(name));
    this.deps.listener.onSnapshot(picture.snapshot(readAt, pnl));
  }

  private down(error: string): void {
    if (this.closed || (!this.up && error === this.lastError)) return;
    if (this.up) this.downSince = this.deps.clock.now();
    this.up = false;
    this.lastError = error;
    this.deps.listener.onStatus({ up: false, error: `ProjectX user hub: ${error}` });
  }
}
