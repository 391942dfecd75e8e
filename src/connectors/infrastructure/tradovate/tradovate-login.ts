import { Redactor } from '../../../platform/logging/redactor';
import type { Clock } from '../../../platform/time/clock';
import type { ContractCatalog } from '../../../sizing/application/ports/contract-catalog.port';
import {
  AccountTarget,
  PlatformAccountInfo,
  PlatformLogin,
  PlatformState,
  StreamTarget,
} from '../../application/ports/broker-connector.port';
import type { PlatformStream, StreamListener } from '../../application/ports/platform-stream.port';
import { OPEN_GATE, RequestGate } from '../../application/rate-limiter';
import { ConnectorConfigError, ConnectorError } from '../../domain/connector-errors';
import type { TradovateAccount, TradovateLoginConfig } from '../config/tradovate.config';
import { TradovateApi } from './tradovate-api';
import { TradovateSession } from './tradovate-session';
import * as S from './tradovate-state';
import { TradovateSymbols } from './tradovate-symbols';
import { Sleep, TradovateTransport } from './tradovate-transport';
import { TradovateUserStream, UserStreamTimings } from './tradovate-user-stream';
import { TradovateConnector, TradovateShared } from './tradovate.connector';
import type { PlatformHttpClient } from '../http/platform-http-client';

export interface TradovateLoginDeps {
  config: TradovateLoginConfig;
  http: PlatformHttpClient;
  clock: Clock;
  contracts: ContractCatalog;
  gate?: RequestGate;
  /** The env configuration's account, used by accounts that name none (`env:{FIRM}`). */
  defaultAccount?: TradovateAccount;
  sleep?: Sleep;
  /** The user stream's heartbeat, dead-socket and backoff timings (tests shorten them). */
  streamTimings?: UserStreamTimings;
}

interface TradovateAccountEntity {
  id: number;
  name: string;
  active?: boolean;
}

/**
 * One Tradovate login (user + API key): one access token, renewed before expiry, one front-month cache and
 * one rate-limit gate, shared by every account the login trades (Apex gives up to 20 under one user).
 */
export class TradovateLogin extends PlatformLogin implements TradovateShared {
  readonly platform = 'tradovate' as const;
  readonly session: TradovateSession;
  readonly api: TradovateApi;
  readonly symbols: TradovateSymbols;
  readonly contracts: ContractCatalog;
  private specs = new Map<number, string>();
  private listsInFlight?: Promise<Omit<S.TradovateStateAnswers, 'cash'>>;

  constructor(private readonly deps: TradovateLoginDeps) {
    super();
    const transport = new TradovateTransport(
      deps.http,
      deps.config.baseUrl,
      deps.sleep,
      deps.gate ?? OPEN_GATE,
    );
    this.session = new TradovateSession(deps.config, transport, deps.clock);
    this.api = new TradovateApi(transport, this.session);
    this.symbols = new TradovateSymbols(this.api, deps.contracts, deps.clock);
    this.contracts = deps.contracts;
  }

  async authenticate(): Promise<void> {
    await this.session.accessToken();
  }

  /** `GET /account/list`: id and name (the account spec) of every active account of the user. */
  async listAccounts(): Promise<PlatformAccountInfo[]> {
    const accounts = await this.api.list<TradovateAccountEntity>('/account/list');
    return accounts
      .filter((a) => a.active !== false)
      .map((a) => ({ platform_account: String(a.id), name: a.name }));
  }

  async accountSpec(accountId: number): Promise<string> {
    if (!this.specs.has(accountId)) {
      const accounts = await this.listAccounts();
      this.specs = new Map(accounts.map((a) => [Number(a.platform_account), a.name]));
    }
    const spec = this.specs.get(accountId);
    if (spec === undefined) {
      throw ConnectorError.rejected(`Tradovate: account ${accountId} is not among this login's accounts`);
    }
    return spec;
  }

  /**
   * The cash balance snapshot, and the user's positions, fills, orders and order versions (user-wide lists:
   * reads of several accounts running at once share one set of list requests); contract ids to names.
   */
  async readState(target: AccountTarget, fillsSince: Date | null): Promise<PlatformState> {
    const { accountId } = this.account(target);
    const [cash, lists] = await Promise.all([
      this.api.post<S.TradovateCashBalance>('/cashBalance/getCashBalanceSnapshot', { accountId }, false),
      this.userLists(),
    ]);
    if (cash?.errorText) {
      const text = `Tradovate /cashBalance/getCashBalanceSnapshot: ${cash.errorText}`;
      throw ConnectorError.rejected(text, { rawResponse: cash });
    }
    const answers = { cash, ...lists };
    const names = new Map<number, string>();
    for (const id of S.contractIds(answers, accountId)) names.set(id, await this.symbols.contractNameOf(id));
    return S.tradovateState(answers, accountId, fillsSince, (id) => names.get(id) ?? String(id));
  }

  private userLists(): Promise<Omit<S.TradovateStateAnswers, 'cash'>> {
    this.listsInFlight ??= Promise.all([
      this.api.list<S.TradovatePosition>('/position/list'),
      this.api.list<S.TradovateFill>('/fill/list'),
      this.api.list<S.TradovateOrderEntity>('/order/list'),
      this.api.list<S.TradovateOrderVersion>('/orderVersion/list'),
    ])
      .then(([positions, fills, orders, versions]) => ({ positions, fills, orders, versions }))
      .finally(() => {
        this.listsInFlight = undefined;
      });
    return this.listsInFlight;
  }

  /**
   * The login's user WebSocket (`{base}/websocket`: https → wss): one socket for all these accounts, sharing
   * this login's access token. Accounts whose platform account is unusable are left out (their reads name
   * the problem).
   */
  openStream(targets: readonly StreamTarget[], listener: StreamListener): PlatformStream {
    const accounts = new Map<number, number>();
    for (const { accountId, target } of targets) {
      try {
        accounts.set(this.account(target).accountId, accountId);
      } catch (error) {
        if (!(error instanceof ConnectorConfigError)) throw error;
      }
    }
    return new TradovateUserStream({
      url: websocketUrl(this.deps.config.baseUrl),
      accounts,
      listener,
      clock: this.deps.clock,
      timings: this.deps.streamTimings,
      login: {
        accessToken: () => this.session.accessToken(),
        invalidateToken: () => this.session.invalidate(),
        contractNameOf: (id) => this.symbols.contractNameOf(id),
        redact: (text) => new Redactor(this.secrets()).redactText(text),
      },
    });
  }

  connector(target: AccountTarget): TradovateConnector {
    return new TradovateConnector({ firmCode: target.firmCode, login: this, account: this.account(target) });
  }

  secrets(): string[] {
    return this.session.secrets();
  }

  /**
   * The account's id and spec; an env account without its own uses the env configuration's. Without a spec
   * the adapter looks it up on `/account/list` at its first order.
   */
  private account(target: AccountTarget): { accountId: number; accountSpec: string | null } {
    if (target.platformAccount === null && this.deps.defaultAccount) return this.deps.defaultAccount;
    if (!target.platformAccount || !/^\d+$/.test(target.platformAccount)) {
      throw new ConnectorConfigError(`account "${target.label}"`, [
        'platform_account (the Tradovate account id, a whole number)',
      ]);
    }
    return { accountId: Number(target.platformAccount), accountSpec: target.platformAccountSpec || null };
  }
}

/** `https://demo.tradovateapi.com/v1` → `wss://demo.tradovateapi.com/v1/websocket` (http → ws). */
export function websocketUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/websocket`;
  return url.toString();
}
