import { RiskState, RiskStateReader } from '../../../src/risk/application/ports/risk-state.reader.port';
import type {
  AccountKey,
  AccountStatePage,
} from '../../../src/risk/application/ports/account-state.repository.port';
import {
  AccountFillRecord,
  AccountStateRepository,
  keyOf,
} from '../../../src/risk/application/ports/account-state.repository.port';
import {
  HaltEndCursor,
  HaltPage,
  HaltRepository,
  NewHalt,
} from '../../../src/risk/application/ports/halt.repository.port';
import { NewsCalendar } from '../../../src/risk/application/ports/news-calendar.port';
import type { AccountState } from '../../../src/risk/domain/account-state';
import type { EconomicEvent } from '../../../src/risk/domain/economic-event';
import type { PendingExposure } from '../../../src/risk/domain/pending-exposure';
import { isHaltActive, type TradingHalt } from '../../../src/risk/domain/trading-halt';
import {
  FirmRecord,
  NO_RULE_SET,
  ProgramCatalog,
  ProgramRecord,
} from '../../../src/registry/application/ports/program-catalog.port';
import { ContractCatalog, ContractSpec } from '../../../src/sizing/application/ports/contract-catalog.port';
import { Clock } from '../../../src/platform/time/clock';
import { FirmEnvReader } from '../../../src/platform/config/firm-env.reader';
import { ContractValuationService } from '../../../src/sizing/application/contract-valuation.service';
import { ContractValuation } from '../../../src/sizing/application/ports/contract-valuation.port';
import { EnvSizingRules } from '../../../src/sizing/infrastructure/config/env-sizing-rules';
import type { SizingConfig } from '../../../src/sizing/infrastructure/config/sizing.config';

export class FakeClock extends Clock {
  constructor(public current: Date) {
    super();
  }
  now(): Date {
    return this.current;
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export function aFirm(code: string, status = 'active', id = 1): FirmRecord {
  return { id, code, name: code, status, tradingDay: null, flatBy: null, meta: {} };
}

export function aProgramRecord(
  o: Partial<ProgramRecord> & Pick<ProgramRecord, 'id' | 'firmCode'>,
): ProgramRecord {
  return {
    firmId: 1,
    name: `${o.firmCode} ${o.id}`,
    accountSize: 50000,
    currency: 'USD',
    maxDailyLoss: 1000,
    maxTotalLoss: 2500,
    profitTarget: 3000,
    drawdownType: 'static',
    maxContracts: null,
    maxRiskPercent: null,
    scalingLadder: [],
    rules: NO_RULE_SET,
    meta: {},
    ...o,
  };
}

export class FakeProgramCatalog extends ProgramCatalog {
  constructor(
    public firms: FirmRecord[],
    public programs: ProgramRecord[],
  ) {
    super();
  }
  async findFirmByCode(code: string) {
    return this.firms.find((f) => f.code === code.toUpperCase()) ?? null;
  }
  async listActiveFirms() {
    return this.firms.filter((f) => f.status === 'active');
  }
  async findProgram(id: number) {
    return this.programs.find((p) => p.id === id) ?? null;
  }
  async findPrograms(ids: number[]) {
    return new Map(this.programs.filter((p) => ids.includes(p.id)).map((p) => [p.id, p]));
  }
  async listPrograms() {
    return [...this.programs];
  }
}

const SPECS: Record<string, number> = { NQ: 20, MNQ: 2, ES: 50, MES: 5 };

/** Knows a handful of roots; `NQ1!`, `NQZ5`, `CME_MINI:NQ1!` style symbols normalize to them. */
export class FakeContractCatalog extends ContractCatalog {
  normalize(symbol: string): string | null {
    const bare = symbol.toUpperCase().split(':').pop() ?? '';
    const root = Object.keys(SPECS)
      .sort((a, b) => b.length - a.length)
      .find((r) => bare === r || new RegExp(`^${r}(\\d!|[FGHJKMNQUVXZ]\\d{1,4})$`).test(bare));
    return root ?? null;
  }
  spec(symbolOrRoot: string): ContractSpec | null {
    const root = this.normalize(symbolOrRoot);
    return root
      ? { root, pointValue: SPECS[root], tickSize: 0.25, description: root, micro: root.startsWith('M') }
      : null;
  }
}

export class InMemoryAccountStates extends AccountStateRepository {
  readonly rows = new Map<string, AccountState>();
  findManyCalls = 0;

  async confirmedAt(accountIds: number[]): Promise<Map<number, Date>> {
    const out = new Map<number, Date>();
    for (const s of this.rows.values()) {
      if (!accountIds.includes(s.accountId) || s.source !== 'platform' || s.confirmedAt === null) continue;
      const was = out.get(s.accountId);
      if (!was || s.confirmedAt < was) out.set(s.accountId, s.confirmedAt);
    }
    return out;
  }

  put(state: AccountState): void {
    this.rows.set(keyOf(state), state);
  }
  async findMany(keys: AccountKey[]) {
    this.findManyCalls++;
    return keys.map((k) => this.rows.get(keyOf(k))).filter((s): s is AccountState => !!s);
  }
  async find(k: AccountKey) {
    return this.rows.get(keyOf(k)) ?? null;
  }
  async list(limit: number, offset: number): Promise<AccountStatePage> {
    const all = [...this.rows.values()];
    return { total: all.length, items: all.slice(offset, offset + limit) };
  }
  async update<T extends { state: AccountState }>(
    k: AccountKey,
    fresh: AccountState,
    change: (c: AccountState) => T,
  ) {
    const out = change(this.rows.get(keyOf(k)) ?? { ...fresh, ...k });
    this.put({ ...out.state, firmCode: k.firmCode, programId: k.programId, accountId: k.accountId });
    return out;
  }
  /** Recorded fills per trading account, by fill id. */
  readonly fills = new Map<number, Map<string, AccountFillRecord>>();
  async updateWithFills<T extends { state: AccountState }>(
    k: AccountKey,
    fresh: AccountState,
    fills: AccountFillRecord[],
    change: (c: AccountState, newIds: ReadonlySet<string>) => T,
  ) {
    const mine = this.fills.get(k.accountId) ?? new Map<string, AccountFillRecord>();
    this.fills.set(k.accountId, mine);
    const fresher = new Set<string>();
    for (const f of fills) {
      if (mine.has(f.fillId)) continue;
      mine.set(f.fillId, f);
      fresher.add(f.fillId);
    }
    return this.update(k, fresh, (c) => change(c, fresher));
  }
}

export class InMemoryHalts extends HaltRepository {
  readonly halts: TradingHalt[] = [];
  activeCalls = 0;
  failWith: Error | null = null;

  async active(firmCodes: string[]) {
    this.activeCalls++;
    if (this.failWith) throw this.failWith;
    return this.halts.filter(
      (h) => h.clearedAt === null && (h.firmCode === null || firmCodes.includes(h.firmCode)),
    );
  }
  async create(h: NewHalt) {
    const halt: TradingHalt = {
      ...h,
      accountId: h.accountId ?? null,
      expiresAt: h.expiresAt ?? null,
      id: this.halts.length + 1,
      clearedBy: null,
      clearedAt: null,
    };
    this.halts.push(halt);
    return halt;
  }
  async find(id: number) {
    return this.halts.find((h) => h.id === id) ?? null;
  }
  async list(opts: { activeOnly: boolean; limit: number; offset: number; now?: Date }): Promise<HaltPage> {
    const now = opts.now ?? new Date();
    const items = this.halts.filter((h) => !opts.activeOnly || isHaltActive(h, now));
    return { total: items.length, items: items.slice(opts.offset, opts.offset + opts.limit) };
  }
  async expiredBetween(after: HaltEndCursor, to: Date, limit: number) {
    const key = (h: { expiresAt: Date | null; id: number }) => [h.expiresAt!.getTime(), h.id];
    const later = (a: number[], b: number[]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
    return this.halts
      .filter(
        (h) =>
          h.clearedAt === null &&
          h.expiresAt !== null &&
          later(key(h), [after.at.getTime(), after.id]) &&
          h.expiresAt <= to,
      )
      .sort((a, b) => a.expiresAt!.getTime() - b.expiresAt!.getTime() || a.id - b.id)
      .slice(0, limit)
      .map((h) => ({ ...h, expiresAt: h.expiresAt!, accountLabel: null }));
  }
  async clear(id: number, clearedBy: string, clearedAt: Date) {
    const h = this.halts.find((x) => x.id === id && x.clearedAt === null);
    if (!h) return null;
    Object.assign(h, { clearedBy, clearedAt });
    return h;
  }
}

/** RiskStateReader over the in-memory repositories: what the Postgres reader answers in one statement. */
export class InMemoryRiskState extends RiskStateReader {
  /** Pending exposure per state key, as the Postgres reader computes it from `orders` and `account_fills`. */
  readonly pending = new Map<string, PendingExposure>();

  constructor(
    private readonly halts: InMemoryHalts,
    private readonly states: InMemoryAccountStates,
  ) {
    super();
  }

  async read(firmCodes: string[], keys: AccountKey[]): Promise<RiskState> {
    const [halts, states] = await Promise.all([
      this.halts.active(firmCodes),
      keys.length > 0 ? this.states.findMany(keys) : [],
    ]);
    return { halts, states, pending: this.pending };
  }
}

/** The sizing context's valuation over these contracts and `{FIRM}_{ID}_POINT_VALUE` variables in `env`. */
export function aValuation(contracts: ContractCatalog, env: Record<string, string> = {}): ContractValuation {
  const rules = new EnvSizingRules(new FirmEnvReader(env), { SIZING_MAX_RISK_PERCENT: 0.05 } as SizingConfig);
  return new ContractValuationService(contracts, rules);
}

/** A calendar holding the given events (none by default); the adapter's caching is tested on its own. */
export class FixedNewsCalendar extends NewsCalendar {
  constructor(public events: EconomicEvent[] = []) {
    super();
  }

  eventsAround(): Promise<readonly EconomicEvent[]> {
    return Promise.resolve(this.events);
  }
}
