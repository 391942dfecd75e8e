import type {
  ConnectorResult,
  ExitRequest,
  FirmConnectorStatus,
  NormalizedOrder,
} from '../../../src/connectors/application/ports/connector-gateway.port';
import { ConnectorGateway } from '../../../src/connectors/application/ports/connector-gateway.port';
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

  async size(requests: SizingRequest[]): Promise<SizingResult[]> {
    this.requests.push(...requests);
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

/** Accepts orders in memory, one per client order id, with scripted per-firm outcomes. */
export class FakeGateway extends ConnectorGateway {
  readonly placed: { firm: string; order: NormalizedOrder }[] = [];
  readonly exits: { firm: string; exit: ExitRequest }[] = [];
  readonly lookups: { firm: string; clientOrderId: string }[] = [];
  /** Orders the "platform" holds, by client order id (what findOrder finds). */
  readonly platform = new Map<string, ConnectorResult>();
  behaviours = new Map<string, Behaviour>();
  /** While set, orders wait for it before the "platform" answers (a slow platform). */
  gate: Promise<void> | null = null;
  private calls = new Map<string, number>();
  private seq = 0;

  constructor(public firms: string[] = []) {
    super();
  }

  enabledFirms(): string[] {
    return [...this.firms];
  }

  status(firmCode: string): FirmConnectorStatus {
    const enabled = this.firms.includes(firmCode);
    return {
      firm_code: firmCode,
      platform: 'rest',
      enabled,
      configured: enabled,
      missing: [],
      circuit: 'closed',
    };
  }

  async placeOrder(firmCode: string, order: NormalizedOrder): Promise<ConnectorResult> {
    this.placed.push({ firm: firmCode, order });
    if (this.gate) await this.gate;
    return this.respond(firmCode, order.client_order_id, order);
  }

  async exitPosition(firmCode: string, exit: ExitRequest): Promise<ConnectorResult> {
    this.exits.push({ firm: firmCode, exit });
    return this.respond(firmCode, exit.client_order_id, exit);
  }

  async findOrder(firmCode: string, clientOrderId: string): Promise<ConnectorResult | null> {
    this.lookups.push({ firm: firmCode, clientOrderId });
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
