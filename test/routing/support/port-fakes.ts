import { SyncBarrier } from '../../../src/routing/application/ports/sync-barrier.port';
import {
  AccountRoutedTrades,
  RoutedPosition,
  RoutedTrades,
} from '../../../src/routing/application/ports/routed-trades.port';
import {
  AccountDirectory,
  AccountFilter,
  ConnectionWithSecrets,
  RoutingAccount,
  TargetResolution,
  UnknownNames,
} from '../../../src/accounts/application/ports/account-directory.port';
import type {
  ConnectionTestResult,
  ConnectorResult,
  ExitRequest,
  NormalizedOrder,
  PositionReading,
  ResizeRequest,
  StopOrderRequest,
} from '../../../src/connectors/application/ports/connector-gateway.port';
import type { PlatformWorkingOrder } from '../../../src/shared-kernel/platform-state';
import { ConnectorGateway } from '../../../src/connectors/application/ports/connector-gateway.port';
import {
  AccountHaltRecord,
  AccountHaltRequest,
  AccountHalts,
} from '../../../src/risk/application/ports/account-halts.port';
import {
  RiskCheckRequest,
  RiskCheckResult,
  RiskGate,
  RiskReading,
} from '../../../src/risk/application/ports/risk-gate.port';
import {
  PositionSizer,
  SizingRequest,
  SizingResult,
} from '../../../src/sizing/application/ports/position-sizer.port';

/** Hand-written fakes of the other contexts' ports, for routing's unit and e2e tests. */

/** Approves everything with a fixed quantity per firm × program (or the user's quantity); rejects on demand. */
export class FakeSizer extends PositionSizer {
  readonly requests: SizingRequest[] = [];
  quantities = new Map<string, number>();
  rejections = new Map<string, string>();

  /** While set, sizing waits for it (a task held while it decides, before its orders are recorded). */
  gate: Promise<void> | null = null;

  async size(requests: SizingRequest[]): Promise<SizingResult[]> {
    this.requests.push(...requests);
    if (this.gate) await this.gate;
    return requests.map((r) => {
      const key = `${r.firmCode}/${r.programId}`;
      const rule = this.rejections.get(key);
      return {
        firm_code: r.firmCode,
        program_id: r.programId,
        status: rule ? 'REJECTED' : 'APPROVED',
        rule: rule ?? null,
        reason: rule ? `rejected by ${rule}` : null,
        computed_quantity: rule ? null : (this.quantities.get(key) ?? r.quantity),
        details: { account_profit: r.accountProfit },
      };
    });
  }

  /** No scaling ladders: a fake's quantity does not move with the account's profit. */
  async profitBreaks(programs: { firmCode: string; programId: number }[]): Promise<number[][]> {
    return programs.map(() => []);
  }
}

export class FakeRiskGate extends RiskGate {
  readonly requests: RiskCheckRequest[] = [];
  rejections = new Map<string, string>();
  profits = new Map<string, Map<number, number>>();
  /** Throws (an internal error, not a rejection) for signals on this symbol. */
  brokenSymbol: string | null = null;

  async check(requests: RiskCheckRequest[]): Promise<RiskCheckResult[]> {
    if (requests.some((r) => r.symbol === this.brokenSymbol))
      throw new Error(`risk engine broke on ${this.brokenSymbol}`);
    this.requests.push(...requests);
    return requests.map((r) => this.result(r));
  }

  async accountProfits(firmCode: string, programIds: number[]): Promise<Map<number, number>> {
    const known = this.profits.get(firmCode) ?? new Map<number, number>();
    return new Map([...known].filter(([id]) => programIds.includes(id)));
  }

  /** With `reads` on, snapshot() answers a reading of the rejections and profits as they are when read. */
  reads = false;
  snapshots = 0;

  override async snapshot(): Promise<RiskReading | null> {
    if (!this.reads) return null;
    this.snapshots++;
    const rejections = new Map(this.rejections);
    const profits = new Map(this.profits);
    const gate = Object.assign(new FakeRiskGate(), { rejections, profits });
    return {
      accountProfits: (firmCode, programIds) =>
        new Map([...(profits.get(firmCode) ?? [])].filter(([id]) => programIds.includes(id))),
      check: (requests) => {
        this.requests.push(...requests);
        return requests.map((r) => gate.result(r));
      },
    };
  }

  private result(r: RiskCheckRequest): RiskCheckResult {
    const rule = this.rejections.get(r.firmCode);
    return {
      firm_code: r.firmCode,
      status: rule ? 'REJECTED' : 'APPROVED',
      rule: rule ?? null,
      reason: rule ? `rejected by ${rule}` : null,
      details: { quantity: r.quantity },
    };
  }
}

type Behaviour = (call: number) => Partial<ConnectorResult> & { status: ConnectorResult['status'] };

/** A routing account as the seed's env configuration makes it: `env:{FIRM}`, no program, risk sizing. */
export function envAccount(id: number, firmCode: string, over: Partial<RoutingAccount> = {}): RoutingAccount {
  return {
    id,
    label: `env:${firmCode}`,
    firmCode,
    programId: null,
    connectionId: id,
    platform: 'rest',
    platformAccount: null,
    platformAccountSpec: null,
    phase: 'evaluation',
    enabled: true,
    tags: [],
    sizing: {
      mode: 'risk',
      defaultRiskPercent: null,
      fixedQuantity: null,
      quantityMultiplier: null,
      maxContracts: null,
    },
    symbolMap: {},
    flattenOrphans: false,
    guardBuffer: null,
    source: 'env',
    ...over,
  };
}

/** An in-memory AccountDirectory: the filters of the accounts issue over a list of accounts. */
export class FakeDirectory extends AccountDirectory {
  accounts: RoutingAccount[];

  constructor(firms: string[] = []) {
    super();
    this.accounts = firms.map((f, i) => envAccount(i + 1, f));
  }

  firmOf(accountId: number): string {
    return this.accounts.find((a) => a.id === accountId)?.firmCode ?? `#${accountId}`;
  }

  async resolveTargets(f: AccountFilter): Promise<TargetResolution> {
    const unknown = await this.unknownNames(f);
    if (unknown.accounts.length + unknown.tags.length > 0)
      return { ok: false, unknownAccounts: unknown.accounts, unknownTags: unknown.tags };
    const matches = this.accounts.filter(
      (a) =>
        a.enabled &&
        (f.accounts.length === 0 || f.accounts.some((x) => x === a.label || x === String(a.id))) &&
        (f.tags.length === 0 || f.tags.some((t) => a.tags.includes(t))) &&
        (f.firmCodes.length === 0 || f.firmCodes.includes(a.firmCode)) &&
        (f.programIds.length === 0 || a.programId === null || f.programIds.includes(a.programId)),
    );
    return {
      ok: true,
      accounts: matches,
      reason: matches.length === 0 ? 'no enabled account matches' : null,
    };
  }

  async unknownNames(f: AccountFilter): Promise<UnknownNames> {
    return {
      accounts: f.accounts.filter((x) => !this.accounts.some((a) => a.label === x || String(a.id) === x)),
      tags: f.tags.filter((t) => !this.accounts.some((a) => a.tags.includes(t))),
      firmCodes: f.firmCodes.filter((c) => !this.accounts.some((a) => a.firmCode === c)),
    };
  }

  async all(): Promise<RoutingAccount[]> {
    return [...this.accounts];
  }

  async account(id: number): Promise<RoutingAccount | null> {
    return this.accounts.find((a) => a.id === id) ?? null;
  }

  async connection(): Promise<ConnectionWithSecrets | null> {
    return null;
  }

  async accountsOf(connectionId: number): Promise<RoutingAccount[]> {
    return this.accounts.filter((a) => a.connectionId === connectionId);
  }
}

/** Accepts orders in memory, one per client order id, with scripted per-firm outcomes. */
export class FakeGateway extends ConnectorGateway {
  readonly placed: { firm: string; order: NormalizedOrder }[] = [];
  readonly exits: { firm: string; exit: ExitRequest }[] = [];
  readonly lookups: { firm: string; clientOrderId: string }[] = [];
  readonly stops: { accountId: number; stop: StopOrderRequest }[] = [];
  /** Positions and working stops of the "platform" (filled market entries, their bracket stop legs). */
  readonly book = new FakeBook();
  positionReads = 0;
  /** Orders the "platform" holds, by client order id (what findOrder finds). */
  readonly platform = new Map<string, ConnectorResult>();
  behaviours = new Map<string, Behaviour>();
  /** While set, orders wait for it before the "platform" answers (a slow platform). */
  gate: Promise<void> | null = null;
  private calls = new Map<string, number>();
  private seq = 0;

  constructor(public readonly directory: FakeDirectory = new FakeDirectory()) {
    super();
  }

  async testConnection(): Promise<ConnectionTestResult> {
    return { ok: true, accounts: [] };
  }

  /** The send windows asked for (epoch ms), in order; the calls run as they are. */
  readonly windows: number[] = [];
  sendBy<T>(notAfter: number, send: () => Promise<T>): Promise<T> {
    this.windows.push(notAfter);
    return send();
  }

  async placeOrder(accountId: number, order: NormalizedOrder): Promise<ConnectorResult> {
    const firmCode = this.directory.firmOf(accountId);
    this.placed.push({ firm: firmCode, order });
    if (this.gate) await this.gate;
    const result = this.respond(firmCode, order.client_order_id, order);
    if (result.status === 'SUCCESS') this.book.fill(accountId, order, result.external_order_id ?? '');
    return result;
  }

  async exitPosition(accountId: number, exit: ExitRequest): Promise<ConnectorResult> {
    const firmCode = this.directory.firmOf(accountId);
    this.exits.push({ firm: firmCode, exit });
    const result = this.respond(firmCode, exit.client_order_id, exit);
    if (result.status === 'SUCCESS') this.book.flatten(accountId, exit.symbol);
    return result;
  }

  async placeStop(accountId: number, stop: StopOrderRequest): Promise<ConnectorResult> {
    this.stops.push({ accountId, stop });
    if (this.book.failStops > 0) {
      this.book.failStops--;
      return failedResult(stop, 'REJECTED: stop refused by the fake platform');
    }
    const id = `STOP-${++this.seq}`;
    this.book.addStop(accountId, stop.symbol, id, stop.side, stop.quantity, stop.stop_price);
    return {
      status: 'SUCCESS',
      external_order_id: id,
      raw_request: stop,
      raw_response: {},
      error_message: null,
    };
  }

  readonly resizes: { accountId: number; resize: ResizeRequest }[] = [];
  async resizeOrder(accountId: number, resize: ResizeRequest): Promise<ConnectorResult> {
    this.resizes.push({ accountId, resize });
    if (!this.book.resize(accountId, resize.symbol, resize.order.orderId, resize.quantity))
      return failedResult(resize, `REJECTED: order ${resize.order.orderId} is not working`);
    return {
      status: 'SUCCESS',
      external_order_id: resize.order.orderId,
      raw_request: resize,
      raw_response: {},
      error_message: null,
    };
  }

  async readPosition(accountId: number, symbol: string): Promise<PositionReading> {
    this.positionReads++;
    if (this.book.unreadable) return { status: 'RETRY', error_message: 'TRANSIENT: platform unreachable' };
    return { status: 'SUCCESS', position: this.book.picture(accountId, symbol) };
  }

  async findOrder(accountId: number, clientOrderId: string): Promise<ConnectorResult | null> {
    this.lookups.push({ firm: this.directory.firmOf(accountId), clientOrderId });
    return this.platform.get(clientOrderId) ?? null;
  }

  async getOrderStatus(): Promise<ConnectorResult> {
    throw new Error('not used by routing');
  }

  async cancelOrder(): Promise<ConnectorResult> {
    throw new Error('not used by routing');
  }

  private respond(firm: string, clientOrderId: string, request: unknown): ConnectorResult {
    const call = (this.calls.get(firm) ?? 0) + 1;
    this.calls.set(firm, call);
    const scripted = this.behaviours.get(firm)?.(call) ?? { status: 'SUCCESS' };
    const id = scripted.status === 'SUCCESS' ? `${firm}-${++this.seq}` : null;
    const result: ConnectorResult = {
      external_order_id: id,
      raw_request: request,
      raw_response: id ? { order_id: id, status: 'ACCEPTED' } : { error: scripted.error_message ?? null },
      error_message: null,
      ...scripted,
    };
    if (result.status === 'SUCCESS') this.platform.set(clientOrderId, result);
    return result;
  }
}

/** A SyncBarrier that holds nothing: records the account ids each call was asked to wait for. */
export class RecordingBarrier extends SyncBarrier {
  readonly asked: number[][] = [];
  async synced(accountIds: number[]): Promise<void> {
    this.asked.push(accountIds);
  }
}

function failedResult(request: unknown, message: string): ConnectorResult {
  return {
    status: 'FAILED',
    external_order_id: null,
    raw_request: request,
    raw_response: null,
    error_message: message,
  };
}

/**
 * The fake platform's positions: a MARKET entry fills at once and its stop loss becomes a working stop
 * leg for its quantity (unless `dropStopLegs`: a rejected leg); other entries work unfilled.
 */
export class FakeBook {
  private held = new Map<string, { net: number; working: PlatformWorkingOrder[] }>();
  /** Bracket stop legs are rejected while set. */
  dropStopLegs = false;
  /** How many of the next placeStop calls fail. */
  failStops = 0;
  /** Position reads fail while set. */
  unreadable = false;

  fill(accountId: number, order: NormalizedOrder, id: string): void {
    const exit = order.side === 'BUY' ? 'SELL' : 'BUY';
    if (order.order_type !== 'MARKET') {
      this.at(accountId, order.symbol).working.push(
        working(id, order.symbol, order.side, order.quantity, 'LIMIT', null),
      );
      return;
    }
    this.at(accountId, order.symbol).net += order.side === 'BUY' ? order.quantity : -order.quantity;
    if (order.stop_loss !== undefined && !this.dropStopLegs)
      this.addStop(accountId, order.symbol, `${id}-SL`, exit, order.quantity, order.stop_loss);
  }

  addStop(
    accountId: number,
    symbol: string,
    id: string,
    side: 'BUY' | 'SELL',
    quantity: number,
    price: number,
  ): void {
    this.at(accountId, symbol).working.push(working(id, symbol, side, quantity, 'STOP', String(price)));
  }

  /** Sets a working order's quantity; false when the order is not working. */
  resize(accountId: number, symbol: string, orderId: string, quantity: number): boolean {
    const order = this.at(accountId, symbol).working.find((o) => o.orderId === orderId);
    if (order) order.quantity = quantity;
    return order !== undefined;
  }

  flatten(accountId: number, symbol: string): void {
    this.held.set(`${accountId}|${symbol}`, { net: 0, working: [] });
  }

  picture(accountId: number, symbol: string) {
    const { net, working: orders } = this.at(accountId, symbol);
    return { symbol, netQuantity: net, workingOrders: orders.map((o) => ({ ...o })) };
  }

  private at(accountId: number, symbol: string) {
    const key = `${accountId}|${symbol}`;
    const found = this.held.get(key) ?? { net: 0, working: [] };
    this.held.set(key, found);
    return found;
  }
}

function working(
  orderId: string,
  symbol: string,
  side: 'BUY' | 'SELL',
  quantity: number,
  type: 'STOP' | 'LIMIT',
  stopPrice: string | null,
): PlatformWorkingOrder {
  return { orderId, clientOrderId: null, symbol, side, quantity, type, stopPrice, limitPrice: null };
}

/** Records halts in memory; fails while `broken` is set. */
export class FakeHalts extends AccountHalts {
  readonly halted: AccountHaltRequest[] = [];
  broken = false;

  async haltAccount(request: AccountHaltRequest): Promise<AccountHaltRecord> {
    if (this.broken) throw new Error('database unreachable');
    this.halted.push(request);
    return { id: this.halted.length, scope: 'account' };
  }
}

/** The router's records of open trades, as a test sets them (positions) and sees them settled. */
export class MemoryRoutedTrades extends RoutedTrades {
  positions: RoutedPosition[] = [];
  readonly settled: number[] = [];
  async openPositions(accountIds: number[]): Promise<RoutedPosition[]> {
    return this.positions.filter((p) => accountIds.includes(p.accountId));
  }
  async openTrades(): Promise<AccountRoutedTrades> {
    return { trades: [], unsettledSymbols: [] };
  }
  async sentOrderIds(): Promise<string[]> {
    return [];
  }
  async settle(accountId: number): Promise<boolean> {
    this.settled.push(accountId);
    this.positions = this.positions.filter((p) => p.accountId !== accountId);
    return true;
  }
}
