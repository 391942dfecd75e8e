import { consistencyProblems } from './program-conduct-rules';
import type { ProgramRules } from './program-rules';
import type { JsonObject } from './registry-records';

/**
 * The rules must agree with the program's own columns and meta when both say something: the drawdown amount
 * with `max_total_loss`, its kind and lock with `meta.drawdown_type`, a fixed daily loss with `max_daily_loss`.
 */
export function crossCheckRules(
  rules: ProgramRules,
  program: {
    max_total_loss: number | null;
    max_daily_loss: number | null;
    profit_target?: number | null;
    meta: JsonObject;
  },
  path = 'meta.rules',
): string[] {
  const problems: string[] = [];
  const dd = rules.drawdown;
  if (dd && program.max_total_loss !== null && dd.amount !== program.max_total_loss)
    problems.push(
      `${path}.drawdown.amount: ${dd.amount} disagrees with max_total_loss ${program.max_total_loss}`,
    );
  const legacy = program.meta.drawdown_type;
  if (dd && typeof legacy === 'string') {
    const expected = dd.lock.kind === 'none' ? dd.kind : `${dd.kind}_until_lock`;
    if (legacy !== expected)
      problems.push(
        `${path}.drawdown: kind ${dd.kind} with lock ${dd.lock.kind} disagrees with meta.drawdown_type ${legacy}`,
      );
  }
  const maxContracts = program.meta.max_contracts;
  const above = (rules.contracts?.scaling ?? []).filter(
    (t) => typeof maxContracts === 'number' && t.max_contracts > maxContracts,
  );
  if (above.length)
    problems.push(
      `${path}.contracts.scaling: a tier of ${above[0].max_contracts} contracts is above meta.max_contracts ${String(maxContracts)}`,
    );
  const dl = rules.daily_loss;
  if (dl?.basis === 'amount' && program.max_daily_loss !== null && dl.amount !== program.max_daily_loss)
    problems.push(
      `${path}.daily_loss.amount: ${dl.amount} disagrees with max_daily_loss ${program.max_daily_loss}`,
    );
  problems.push(...consistencyProblems(rules.consistency, program.profit_target ?? null, path));
  return problems;
}
