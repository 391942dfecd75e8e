import { PlanAccount, planEntry, planExit } from './routing-plan';

const account = (id: number, over: Partial<PlanAccount> = {}): PlanAccount => ({
  id,
  label: `apex-${id}`,
  firmCode: 'APEX',
  programIds: [4],
  sized: true,
  platform: 'tradovate',
  symbol: 'NQ',
  ...over,
});
const ok = (id: number) => ({
  account_id: id,
  account_label: `apex-${id}`,
  firm_code: 'APEX',
  status: 'APPROVED' as const,
  rule: null,
  reason: null,
  details: {},
});
const no = (id: number) => ({ ...ok(id), status: 'REJECTED' as const, rule: 'MAX_DAILY_LOSS' });
const sized = (id: number, q: number | null, status: 'APPROVED' | 'REJECTED' = 'APPROVED') => ({
  account_id: id,
  account_label: `apex-${id}`,
  firm_code: 'APEX',
  program_id: 4,
  status,
  rule: null,
  reason: null,
  computed_quantity: q,
  details: {},
});

describe('planEntry: one order per account, each with its own quantity', () => {
  it('three accounts of one firm and program get three orders, each sized on its own', () => {
    const plan = planEntry(
      [account(1), account(2), account(3)],
      [ok(1), ok(2), ok(3)],
      [sized(1, 5), sized(2, 2), sized(3, 1)],
      null,
    );
    expect(plan.orders.map((o) => [o.account.id, o.quantity])).toEqual([
      [1, 5],
      [2, 2],
      [3, 1],
    ]);
  });

  it('an account refused by risk or by sizing gets no order; the others still do', () => {
    const plan = planEntry(
      [account(1), account(2), account(3)],
      [ok(1), no(2), ok(3)],
      [sized(1, 5), sized(2, 2), sized(3, null, 'REJECTED')],
      null,
    );
    expect(plan.allowed.map((a) => a.id)).toEqual([1]);
    expect(plan.orders.map((o) => o.account.id)).toEqual([1]);
  });

  it('an unsized account (env, no programs) sends the trader’s quantity, or fails for want of one', () => {
    const env = account(9, { programIds: [], sized: false });
    expect(planEntry([env], [ok(9)], [], 3).orders[0].quantity).toBe(3);
    expect(planEntry([env], [ok(9)], [], null).missingQuantity).toEqual([env]);
  });
});

describe('planEntry with an entry risk sized down to fit (issue 16)', () => {
  it("sends risk's approved quantity instead of sizing's, account by account", () => {
    const fitted = { ...ok(1), rule: 'DAILY_LOSS_LIMIT', approved_quantity: 3, details: { capped_from: 5 } };
    const plan = planEntry([account(1), account(2)], [fitted, ok(2)], [sized(1, 5), sized(2, 5)], null);
    expect(plan.orders.map((o) => [o.account.id, o.quantity])).toEqual([
      [1, 3],
      [2, 5],
    ]);
  });
});

describe('planExit: what the trade opened in each account', () => {
  it('pairs each approved account with its own entry', () => {
    const entries = [1, 2].map((id) => ({
      order_id: 10 + id,
      account_id: id,
      firm_code: 'APEX',
      symbol: 'NQ',
      side: 'BUY' as const,
      quantity: id,
      external_order_id: `x${id}`,
    }));
    const plan = planExit([account(1), account(2)], [ok(1), ok(2)], entries);
    expect(plan.map((p) => [p.account.id, p.entry?.quantity])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });
});
