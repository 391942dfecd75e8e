import Decimal from 'decimal.js';
import { anOrder, d } from '../../../../test/risk/support/risk.mother';
import { worstCaseLoss } from '../order-intent';
import { checkRiskPercent } from './risk-percent.rule';

const NQ = d(20);

function check(stopLoss: number, opts: { riskPercent?: number | null; limit?: Decimal | null } = {}) {
  const order = anOrder({ quantity: 1, entryPrice: 21500, stopLoss, riskPercent: opts.riskPercent ?? null });
  return checkRiskPercent({
    order,
    limit: opts.limit === undefined ? d('0.01') : opts.limit,
    accountSize: d(50000),
    worstCase: worstCaseLoss(order, NQ),
    programId: 4,
  });
}

describe('rule 6: max risk percent per trade', () => {
  it('passes a worst case of exactly the limit (25 points × 20 = 500 = 1 % of 50,000)', () => {
    expect(check(21475)).toBeNull();
  });

  it('passes just inside the limit (24.75 points = 495)', () => {
    expect(check(21475.25)).toBeNull();
  });

  it('rejects just outside the limit (25.25 points = 505 = 1.01 %)', () => {
    expect(check(21474.75)).toEqual({
      rule: 'MAX_RISK_PERCENT',
      reason: 'Risk of 1.01 % per trade is above the limit of 1 %',
      details: {
        limit: 0.01,
        risk_percent: null,
        computed_risk_percent: 0.0101,
        worst_case: 505,
        account_size: 50000,
        program_id: 4,
      },
    });
  });

  it('checks the declared risk percent at, inside and outside the limit', () => {
    expect(check(21499, { riskPercent: 0.01 })).toBeNull();
    expect(check(21499, { riskPercent: 0.0099 })).toBeNull();
    expect(check(21499, { riskPercent: 0.0101 })?.details).toMatchObject({
      risk_percent: 0.0101,
      computed_risk_percent: 0.0004,
    });
  });

  it('checks the declared percent alone when the worst case is unknown', () => {
    const order = anOrder({ stopLoss: null, riskPercent: 0.02 });
    const input = { order, limit: d('0.01'), accountSize: null, worstCase: null, programId: null };
    expect(checkRiskPercent(input)?.rule).toBe('MAX_RISK_PERCENT');
    expect(checkRiskPercent({ ...input, order: anOrder({ stopLoss: null }) })).toBeNull();
  });

  it('is off without a limit', () => {
    expect(check(20000, { limit: null })).toBeNull();
  });
});
