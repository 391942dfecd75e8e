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
import type { ProjectXLoginConfig } from '../config/projectx.config';
import { ProjectXApi } from './projectx-api';
import { ProjectXContracts } from './projectx-contracts';
import { ProjectXSession } from './projectx-session';
import * as S from './projectx-state';
import type { HubLinkOptions } from './projectx-hub-link';
import { projectXHubUrl } from './projectx-stream-policy';
import { ProjectXTransport } from './projectx-transport';
import { ProjectXStreamAccount, ProjectXUserStream } from './projectx-user-stream';
import { ProjectXConnector, ProjectXShared } from './projectx.connector';
import type { ProjectXEnvelope } from './projectx.types';
import type { PlatformHttpClient } from '../http/platform-http-client';

export interface ProjectXLoginDeps {
  config: ProjectXLoginConfig;
  http: PlatformHttpClient;
  clock: Clock;
  contracts: ContractCatalog;
  gate?: RequestGate;
  /** The env configuration's account id, used by accounts that name none (`env:{FIRM}`). */
  defaultAccountId?: number;
  /** The user hub's reconnect schedule (tests shorten it). */
  streamLink?: HubLinkOptions;
}

interface ProjectXAccountsResponse extends ProjectXEnvelope {
  accounts?: { id: number; name: string; canTrade?: boolean }[];
}

/**
 * One ProjectX login (user name + API key): one session token, validated before expiry, one contract cache
 * and one rate-limit gate (200 requests / 60 s), shared by every account the login trades.
 */
export class ProjectXLogin extends PlatformLogin implements ProjectXShared {
  readonly platform = 'projectx' as const;
  readonly session: ProjectXSession;
  readonly api: ProjectXApi;
  readonly contracts: ProjectXContracts;
  readonly catalog: ContractCatalog;
  readonly clock: Clock;

  constructor(private readonly deps: ProjectXLoginDeps) {
    super();
    const transport = new ProjectXTransport(deps.http, deps.config.baseUrl, deps.gate ?? OPEN_GATE);
    this.session = new ProjectXSession(deps.config, transport, deps.clock);
    this.api = new ProjectXApi(transport, this.session);
    this.contracts = new ProjectXContracts(this.api, deps.contracts, deps.clock, deps.config.live);
    this.catalog = deps.contracts;
    this.clock = deps.clock;
  }

  async authenticate(): Promise<void> {
    await this.session.sessionToken();
  }

  /** `POST /api/Account/search {"onlyActiveAccounts": true}`: id and name of each account. */
  async listAccounts(): Promise<PlatformAccountInfo[]> {
    const res = await this.api.post<ProjectXAccountsResponse>(
      '/api/Account/search',
      { onlyActiveAccounts: true },
      false,
    );
    return (res.accounts ?? []).map((a) => ({ platform_account: String(a.id), name: a.name }));
  }

  /** Account search (balance), open positions, trades since the cursor, open orders; contract ids to names. */
  async readState(target: AccountTarget, fillsSince: Date | null): Promise<PlatformState> {
    const accountId = this.accountId(target);
    const startTimestamp = (fillsSince ?? new Date(0)).toISOString();
    const [accounts, positions, trades, orders] = await Promise.all([
      this.api.post<S.ProjectXList<'accounts', S.ProjectXAccountEntity>>(
        '/api/Account/search',
        { onlyActiveAccounts: false },
        false,
      ),
      this.api.post<S.ProjectXList<'positions', S.ProjectXPositionEntity>>(
        '/api/Position/searchOpen',
        { accountId },
        false,
      ),
      this.api.post<S.ProjectXList<'trades', S.ProjectXTradeEntity>>(
        '/api/Trade/search',
        { accountId, startTimestamp },
        false,
      ),
      this.api.post<S.ProjectXList<'orders', S.ProjectXOrderEntity>>(
        '/api/Order/searchOpen',
        { accountId },
        false,
      ),
    ]);
    const answers = {
      accounts: accounts.accounts ?? [],
      positions: positions.positions ?? [],
      trades: trades.trades ?? [],
      orders: orders.orders ?? [],
    };
    const names = new Map<string, string>();
    for (const id of S.contractIds(answers)) names.set(id, await this.contracts.nameOf(id));
    const state = S.projectXState(answers, accountId, fillsSince, (id) => names.get(id) ?? id);
    if (!state)
      throw ConnectorError.rejected(`ProjectX: account ${accountId} is not among this login's accounts`);
    return state;
  }

  /**
   * The login's hubs (one user-hub and one market-hub connection for all these accounts); see
   * ProjectXUserStream. An account naming no ProjectX account is left out (never reported: the sync polls it).
   */
  openStream(accounts: readonly StreamTarget[], listener: StreamListener): PlatformStream {
    const session = this.session;
    return new ProjectXUserStream({
      hubUrl: projectXHubUrl(this.deps.config.baseUrl, 'user'),
      marketHubUrl: projectXHubUrl(this.deps.config.baseUrl, 'market'),
      tokens: {
        current: () => session.sessionToken(),
        refresh: () => session.revalidate(),
        secrets: () => session.secrets(),
      },
      accounts: accounts.flatMap((a) => this.streamAccount(a)),
      listener,
      readState: (target, since) => this.readState(target, since),
      contracts: this.contracts,
      clock: this.clock,
      link: this.deps.streamLink,
    }).start();
  }

  /** An account the stream can follow; none when it names no ProjectX account (the sync polls it). */
  private streamAccount(a: StreamTarget): ProjectXStreamAccount[] {
    try {
      return [{ ...a, platformAccountId: this.accountId(a.target) }];
    } catch (error) {
      if (error instanceof ConnectorConfigError) return [];
      throw error;
    }
  }

  connector(target: AccountTarget): ProjectXConnector {
    return new ProjectXConnector({
      firmCode: target.firmCode,
      login: this,
      accountId: this.accountId(target),
    });
  }

  secrets(): string[] {
    return this.session.secrets();
  }

  private accountId(target: AccountTarget): number {
    if (target.platformAccount === null && this.deps.defaultAccountId !== undefined) {
      return this.deps.defaultAccountId;
    }
    if (!target.platformAccount || !/^\d+$/.test(target.platformAccount)) {
      throw new ConnectorConfigError(`account "${target.label}"`, [
        'platform_account (the ProjectX account id, a whole number)',
      ]);
    }
    return Number(target.platformAccount);
  }
}
