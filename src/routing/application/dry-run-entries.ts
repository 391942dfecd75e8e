import type { Targets } from './account-targets';
import type { EntryDecision, EntryQuestion } from './entry-decisions';

/**
 * A dry-run entry in two parts (issue 19): the accounts whose orders EXECUTION_DRY_RUN holds, decided
 * unrecorded, and the paper accounts, decided and sent as usual.
 */

/** The part of an entry question whose accounts' `go` is `want` (checks are in target order). */
export function only(q: EntryQuestion, go: boolean[], want: boolean): EntryQuestion {
  const accounts = q.targets.accounts.filter((_a, i) => go[i] === want);
  const ids = new Set(accounts.map((a) => a.id));
  return {
    ...q,
    targets: { ...q.targets, accounts },
    sizing: q.sizing.filter((z) => z.account_id !== null && ids.has(z.account_id)),
    checks: q.checks.filter((_c, i) => go[i] === want),
  };
}

/** The decisions of both parts of a dry-run entry, in target order. */
export function merged(t: Targets, held: EntryDecision, sending: EntryDecision): EntryDecision {
  const order = (id: number | null) => t.accounts.findIndex((a) => a.id === id);
  const byTarget = <T>(xs: T[], idOf: (x: T) => number | null) =>
    [...xs].sort((a, b) => order(idOf(a)) - order(idOf(b)));
  return {
    risk: byTarget([...held.risk, ...sending.risk], (r) => r.account_id),
    plan: {
      allowed: byTarget([...held.plan.allowed, ...sending.plan.allowed], (a) => a.id),
      orders: byTarget([...held.plan.orders, ...sending.plan.orders], (o) => o.account.id),
      missingQuantity: [...held.plan.missingQuantity, ...sending.plan.missingQuantity],
    },
    sends: sending.sends,
    existing: sending.existing,
    reservedAt: sending.reservedAt,
  };
}
