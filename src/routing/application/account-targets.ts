import type {
  AccountDirectory,
  RoutingAccount,
} from '../../accounts/application/ports/account-directory.port';
import type { RiskCheckRequest } from '../../risk/application/ports/risk-gate.port';
import type { SizingRequest } from '../../sizing/application/ports/position-sizer.port';
import type { AccountSizing, PlanAccount } from '../domain/routing-plan';
import type { Signal } from '../domain/signal';
import { targetsOf } from '../domain/signal-targets';
import { mapSymbol } from '../domain/symbol-map';

/** The accounts a signal targets, each with what routing needs of it; `reason` says why there are none. */
export interface Targets {
  accounts: PlanAccount[];
  /** Keyed by account id: the directory's view (sizing mode, program), for sizing and risk requests. */
  byId: Map<number, RoutingAccount>;
  reason: string | null;
}

/** Resolves the signal's filters over the enabled accounts (an unknown name — config changed since intake — is a reason). */
export async function resolveTargets(directory: AccountDirectory, s: Signal): Promise<Targets> {
  const t = targetsOf(s);
  const found = await directory.resolveTargets({
    accounts: t.accounts,
    tags: t.account_tags,
    firmCodes: t.firm_codes,
    programIds: t.program_ids,
  });
  if (!found.ok) {
    const names = [
      ...found.unknownAccounts.map((a) => `account "${a}"`),
      ...found.unknownTags.map((g) => `tag "${g}"`),
    ];
    return { accounts: [], byId: new Map(), reason: `no longer configured: ${names.join(', ')}` };
  }
  // in the alert's firm order when it names firms (the seed's result order), else the directory's
  const firmAt = (a: RoutingAccount) => t.firm_codes.indexOf(a.firmCode.toUpperCase());
  const ordered =
    t.firm_codes.length > 0 ? [...found.accounts].sort((a, b) => firmAt(a) - firmAt(b)) : found.accounts;
  return {
    accounts: ordered.map((a) => planAccount(a, s)),
    byId: new Map(found.accounts.map((a) => [a.id, a])),
    reason: found.accounts.length === 0 ? found.reason : null,
  };
}

/**
 * An exit with no filter also closes what the trade opened in accounts disabled since its entry: disabling
 * an account stops new entries, never the way out of a position it holds.
 */
export async function withOpenAccounts(
  directory: AccountDirectory,
  t: Targets,
  s: Signal,
  entries: { account_id: number }[],
): Promise<Targets> {
  const f = targetsOf(s);
  const filtered = f.accounts.length + f.account_tags.length + f.firm_codes.length + f.program_ids.length > 0;
  const missing = [...new Set(entries.map((e) => e.account_id))].filter((id) => !t.byId.has(id));
  if (filtered || missing.length === 0) return t;
  const found = (await Promise.all(missing.map((id) => directory.account(id)))).filter(
    (a): a is RoutingAccount => a !== null,
  );
  return {
    accounts: [...t.accounts, ...found.map((a) => planAccount(a, s))],
    byId: new Map([...t.byId, ...found.map((a) => [a.id, a] as const)]),
    reason: t.reason,
  };
}

function planAccount(a: RoutingAccount, s: Signal): PlanAccount {
  const programIds = a.programId !== null ? [a.programId] : s.program_ids;
  return {
    id: a.id,
    label: a.label,
    firmCode: a.firmCode.toUpperCase(),
    programIds,
    sized: programIds.length > 0,
    symbol: mapSymbol(a.symbolMap, s.symbol),
    platform: a.platform,
  };
}

/** Risk state: an account with a program has its own; an `env:` account reads the seed's firm-level state. */
/** The trading accounts among `ids` with a state of their own, kept by the platform sync (not `env:` ones). */
export function syncedIds(t: Targets, ids: number[] = t.accounts.map((a) => a.id)): number[] {
  return ids.filter((id) => t.byId.get(id)?.programId != null);
}

export function riskAccountId(t: Targets, a: PlanAccount): number | null {
  return t.byId.get(a.id)?.programId != null ? a.id : null;
}

export function riskRequest(
  t: Targets,
  a: PlanAccount,
  s: Signal,
  side: 'buy' | 'sell',
  quantity: number | null,
  symbol: string = a.symbol,
): RiskCheckRequest {
  return {
    firmCode: a.firmCode,
    accountId: riskAccountId(t, a),
    phase: t.byId.get(a.id)?.phase ?? null,
    programIds: a.programIds,
    eventType: s.event_type,
    symbol,
    side,
    quantity,
    entryPrice: s.entry_price,
    stopLoss: s.stop_loss,
    riskPercent: riskPercentOf(t, a, s),
  };
}

/**
 * Size to fit (issue 16) applies to a quantity sizing computed: an account in risk mode (or an `env:` account)
 * whose alert gave no quantity, down to sizing's minimum (1 without one). A quantity the trader gave, or an
 * account's fixed or multiplied one, is validated by the gate and never reduced: null.
 */
export function sizeToFitOf(
  t: Targets,
  a: PlanAccount,
  s: Signal,
  sizing: AccountSizing[],
): { minQuantity: number } | null {
  const routing = t.byId.get(a.id);
  const mode = routing && routing.programId !== null ? routing.sizing.mode : 'risk';
  if (s.quantity !== null || mode !== 'risk') return null;
  const sized = sizing.find((r) => r.account_id === a.id && r.status === 'APPROVED');
  if (!sized || sized.computed_quantity === null) return null;
  const min = sized.details.min_contracts;
  return { minQuantity: typeof min === 'number' && Number.isInteger(min) && min >= 1 ? min : 1 };
}

/** The alert's risk_percent, else (risk mode) the account's default. */
function riskPercentOf(t: Targets, a: PlanAccount, s: Signal): number | null {
  return s.risk_percent ?? t.byId.get(a.id)?.sizing.defaultRiskPercent ?? null;
}

/** One sizing request per account × program, with the account's mode (none for an `env:` account). */
export function sizingRequests(
  t: Targets,
  s: Signal,
  profits: Map<number, number>[],
): { account: PlanAccount; request: SizingRequest }[] {
  const sized = t.accounts.filter((a) => a.sized);
  return sized.flatMap((a) => {
    const routing = t.byId.get(a.id);
    const mode = routing && routing.programId !== null ? routing.sizing : null;
    const at = t.accounts.indexOf(a);
    return a.programIds.map((programId) => ({
      account: a,
      request: {
        firmCode: a.firmCode,
        programId,
        symbol: a.symbol,
        entryPrice: s.entry_price,
        stopLoss: s.stop_loss,
        riskPercent: riskPercentOf(t, a, s),
        quantity: s.quantity,
        accountProfit: profits[at]?.get(programId) ?? null,
        account: mode,
      },
    }));
  });
}
