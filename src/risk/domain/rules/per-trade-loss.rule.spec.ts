import { aProgram, d } from '../../../../test/risk/support/risk.mother';
import { checkPerTradeLoss } from './per-trade-loss.rule';

describe('per-trade loss limit', () => {
  it('an amount: one cent inside and at pass, one cent over is denied', () => {
    const program = aProgram({ perTradeLoss: { amount: d(500) } });
    expect(checkPerTradeLoss({ program, worstCase: d('499.99') })).toBeNull();
    expect(checkPerTradeLoss({ program, worstCase: d('500.00') })).toBeNull();
    expect(checkPerTradeLoss({ program, worstCase: d('500.01') })).toEqual({
      rule: 'PER_TRADE_LOSS_LIMIT',
      reason: "This order's worst case (500.01) is above the per-trade loss limit of 500",
      details: { limit: 500, worst_case: 500.01, program_id: 4 },
    });
  });

  it('a fraction of the account size: 2 % of 25,000 is 500', () => {
    const program = aProgram({ accountSize: d(25000), perTradeLoss: { fractionOfAccount: d('0.02') } });
    expect(checkPerTradeLoss({ program, worstCase: d('500') })).toBeNull();
    expect(checkPerTradeLoss({ program, worstCase: d('500.01') })?.details).toMatchObject({
      limit: 500,
      limit_percent_of_account: 2,
      account_size: 25000,
    });
  });

  it('an unknown worst case is denied where there is a limit, and nothing is checked without one', () => {
    expect(
      checkPerTradeLoss({ program: aProgram({ perTradeLoss: { amount: d(1) } }), worstCase: null })?.rule,
    ).toBe('PER_TRADE_LOSS_LIMIT');
    expect(checkPerTradeLoss({ program: aProgram(), worstCase: null })).toBeNull();
    expect(checkPerTradeLoss({ program: aProgram(), worstCase: d(1e9) })).toBeNull();
  });
});
