import Decimal from 'decimal.js';
import type { ProgramRecord } from '../../registry/application/ports/program-catalog.port';
import type { DrawdownKind, PerTradeLimit, ProgramLimits } from '../domain/program-limits';

const dec = (n: number | null): Decimal | null => (n === null || n === undefined ? null : new Decimal(n));

/**
 * The registry's program (JS numbers) as the risk rules' limits (decimals). The typed rules (`meta.rules`)
 * win over the older columns and meta keys where they say something; the registry keeps the two in agreement.
 */
export function toProgramLimits(p: ProgramRecord): ProgramLimits {
  const rules = p.rules;
  const dd = rules?.drawdown ?? null;
  const daily = rules?.dailyLoss ?? null;
  return {
    programId: p.id,
    firmCode: p.firmCode.toUpperCase(),
    accountSize: new Decimal(p.accountSize),
    maxDailyLoss: daily?.basis === 'amount' ? dec(daily.amount) : dec(p.maxDailyLoss),
    maxTotalLoss: dd ? new Decimal(dd.amount) : dec(p.maxTotalLoss),
    drawdownType: dd ? drawdownKind(dd.kind, dd.lock.kind !== 'none') : p.drawdownType,
    maxContracts: p.maxContracts,
    maxRiskPercent: dec(p.maxRiskPercent),
    drawdownLock: dd === null || dd.lock.kind === 'none' ? null : new Decimal(dd.lock.amount ?? 0),
    dailyLossFraction: daily?.basis === 'percent_of_prior_eod' ? dec(daily.fraction) : null,
    perTradeLoss: perTrade(rules?.perTradeLoss ?? null),
    microRatio: rules?.microRatio ?? null,
    profitTarget: dec(p.profitTarget),
    // a payout-only consistency rule is the firm's business at payout time: nothing to check before the trade
    consistency:
      rules?.consistency?.action === 'reject_entries'
        ? {
            appliesTo: rules.consistency.appliesTo,
            maxDayFraction: new Decimal(rules.consistency.maxDayFraction),
            basis: rules.consistency.basis,
          }
        : null,
    news: rules?.news ?? null,
    contractScaling:
      rules?.scaling?.map((t) => ({ minProfit: new Decimal(t.min_profit), maxContracts: t.max_contracts })) ??
      null,
  };
}

function drawdownKind(kind: 'static' | 'eod_trailing' | 'intraday_trailing', locks: boolean): DrawdownKind {
  return kind === 'static' || !locks ? kind : `${kind}_until_lock`;
}

function perTrade(rule: NonNullable<ProgramRecord['rules']>['perTradeLoss']): PerTradeLimit | null {
  if (rule === null) return null;
  if (rule.basis === 'amount' && rule.amount !== null) return { amount: new Decimal(rule.amount) };
  if (rule.basis === 'percent_of_account' && rule.fraction !== null)
    return { fractionOfAccount: new Decimal(rule.fraction) };
  return null;
}
