import { limits, sizingInput } from '../../../test/sizing/sizing.mother';
import { computeContractSize } from './compute-contract-size';
import { resolvePointValue } from './point-value';
import { dec } from './sizing-decimal';

const envMax = (value: number) => ({ maxContracts: { value, source: 'env' as const } });
const envRisk = (value: string) => ({ maxRiskPercent: { value: dec(value), source: 'env' as const } });

describe('computeContractSize — auto-sizing', () => {
  it('sizes the seed worked example: 50,000 × 0.01 / (10 × 2) = 25', () => {
    expect(computeContractSize(sizingInput())).toEqual({
      firm_code: 'APEX',
      program_id: 4,
      status: 'APPROVED',
      rule: null,
      reason: null,
      computed_quantity: 25,
      details: {
        account_size: 50000,
        risk_percent: 0.01,
        stop_distance: 10,
        multiplier: 2,
        point_value_source: 'contract_spec',
        symbol: 'MNQ',
        contract_root: 'MNQ',
        max_contracts: null,
        max_contracts_source: null,
        min_contracts: null,
        max_risk_percent: 0.05,
        max_risk_percent_source: 'global',
        risk_amount: 500,
        risk_per_contract: 20,
      },
    });
  });

  it('uses the symbol contract spec: NQ at $20/point gives floor(500 / 200) = 2', () => {
    const r = computeContractSize(sizingInput({ symbol: 'CME_MINI:NQ1!' }));
    expect([r.status, r.computed_quantity, r.details.multiplier, r.details.contract_root]).toEqual([
      'APPROVED',
      2,
      20,
      'NQ',
    ]);
  });

  it('measures a short the same as a long, and copes with negative prices', () => {
    expect(computeContractSize(sizingInput({ entryPrice: 21000, stopLoss: 21010 })).computed_quantity).toBe(
      25,
    );
    const cl = computeContractSize(sizingInput({ symbol: 'MCL', entryPrice: -10, stopLoss: -12.5 }));
    expect([cl.computed_quantity, cl.details.stop_distance]).toEqual([2, 2.5]);
  });

  it('is exact where binary floating point is one contract short (25,000 × 0.0087 / (7.25 × 2) = 15)', () => {
    expect(Math.floor((25000 * 0.0087) / (7.25 * 2))).toBe(14);
    const r = computeContractSize(
      sizingInput({ accountSize: 25000, riskPercent: 0.0087, entryPrice: 100, stopLoss: 92.75 }),
    );
    expect(r.computed_quantity).toBe(15);
  });

  it('caps the computed quantity at max contracts, naming the rule and the original size', () => {
    const r = computeContractSize(sizingInput({ symbol: 'NQ', limits: limits(envMax(1)) }));
    expect(r).toMatchObject({ status: 'APPROVED', rule: 'MAX_CONTRACTS', computed_quantity: 1 });
    expect(r.details).toMatchObject({ capped_from: 2, max_contracts: 1, max_contracts_source: 'env' });
    expect(r.reason).toBe(
      'Risk $500.00 (1% of $50,000.00) at 10 points × $20/point ($200.00 per contract) allows 2 contracts; ' +
        'capped to the maximum of 1 contract for APEX program 4 (APEX_4_MAX_CONTRACTS)',
    );
  });

  it('does not cap (and names no rule) when the computed quantity equals max contracts', () => {
    const r = computeContractSize(sizingInput({ limits: limits(envMax(25)) }));
    expect([r.status, r.rule, r.computed_quantity, 'capped_from' in r.details]).toEqual([
      'APPROVED',
      null,
      25,
      false,
    ]);
  });

  it('rejects a computed quantity below min contracts, and accepts one equal to it', () => {
    const below = computeContractSize(sizingInput({ symbol: 'NQ', limits: limits({ minContracts: 3 }) }));
    expect(below).toMatchObject({ status: 'REJECTED', rule: 'MIN_CONTRACTS', computed_quantity: null });
    expect(below.reason).toBe(
      'Risk $500.00 (1% of $50,000.00) at 10 points × $20/point ($200.00 per contract) allows 2 contracts, ' +
        'below the minimum of 3 contracts for APEX program 4 (APEX_4_MIN_CONTRACTS)',
    );
    expect(
      computeContractSize(sizingInput({ symbol: 'NQ', limits: limits({ minContracts: 2 }) }))
        .computed_quantity,
    ).toBe(2);
  });

  it('rejects when the cap itself is below min contracts', () => {
    const r = computeContractSize(sizingInput({ limits: limits({ ...envMax(2), minContracts: 3 }) }));
    expect(r).toMatchObject({ status: 'REJECTED', rule: 'MIN_CONTRACTS' });
    expect(r.details.capped_from).toBe(25);
    expect(r.reason).toContain('allows 25 contracts (capped to 2), below the minimum of 3 contracts');
  });

  it('rejects a computed quantity of zero with the per-contract risk', () => {
    const r = computeContractSize(sizingInput({ symbol: 'NQ', entryPrice: 21300, stopLoss: 21000 }));
    expect(r).toMatchObject({ status: 'REJECTED', rule: 'QUANTITY_ZERO', computed_quantity: null });
    expect(r.reason).toBe(
      'Risk $500.00 (1% of $50,000.00) at 300 points × $20/point ($6,000.00 per contract) allows 0 contracts: ' +
        'the stop is too wide for this account and risk',
    );
  });
});

describe('computeContractSize — missing or impossible inputs', () => {
  it.each([
    [
      'MISSING_ACCOUNT_SIZE',
      { accountSize: null, programFirmCode: null },
      'No account size is known for APEX program 4',
    ],
    ['MISSING_STOP_DISTANCE', { stopLoss: null }, 'needs both entry_price and stop_loss'],
    ['MISSING_STOP_DISTANCE', { entryPrice: null }, 'needs both entry_price and stop_loss'],
    ['MISSING_RISK_PERCENT', { riskPercent: null }, 'needs risk_percent (0.01 = 1%) or a quantity'],
    ['ZERO_STOP_DISTANCE', { stopLoss: 21010 }, 'Stop loss equals the entry price (21,010)'],
    [
      'UNKNOWN_SYMBOL',
      { symbol: 'FOO', pointValue: null },
      'Unknown symbol "FOO": no contract spec and no APEX_4_POINT_VALUE',
    ],
  ])('rejects with %s when no quantity is given', (rule, overrides, reason) => {
    const r = computeContractSize(sizingInput(overrides));
    expect([r.status, r.rule, r.computed_quantity]).toEqual(['REJECTED', rule, null]);
    expect(r.reason).toContain(reason);
  });

  it('rejects a zero stop distance even with a user quantity', () => {
    expect(computeContractSize(sizingInput({ stopLoss: 21010, quantity: 1 })).rule).toBe(
      'ZERO_STOP_DISTANCE',
    );
  });

  it('applies the seed default of $2/point only when no symbol is named', () => {
    const r = computeContractSize(sizingInput({ symbol: '', pointValue: resolvePointValue('', null) }));
    expect([r.computed_quantity, r.details.multiplier, r.details.point_value_source]).toEqual([
      25,
      2,
      'seed_default',
    ]);
  });

  it('lists every invalid field in one INVALID_INPUT rejection', () => {
    const r = computeContractSize(
      sizingInput({ quantity: 1.5, riskPercent: -0.01, entryPrice: NaN, accountSize: 0 }),
    );
    expect([r.status, r.rule]).toEqual(['REJECTED', 'INVALID_INPUT']);
    expect(r.details.problems).toEqual([
      'entry_price must be a finite number, got NaN',
      'account_size must be greater than 0, got 0',
      'risk_percent must be a fraction greater than 0 (0.01 = 1%), got -0.01',
      'quantity must be a whole number of contracts of at least 1, got 1.5',
    ]);
    expect(computeContractSize(sizingInput({ quantity: 0 })).rule).toBe('INVALID_INPUT');
  });

  it('rejects a program that belongs to another firm', () => {
    const r = computeContractSize(sizingInput({ firmCode: 'TOPSTEP', programFirmCode: 'APEX' }));
    expect(r).toMatchObject({ firm_code: 'TOPSTEP', status: 'REJECTED', rule: 'PROGRAM_FIRM_MISMATCH' });
    expect(r.reason).toBe("Program 4 belongs to APEX, not TOPSTEP: it cannot size TOPSTEP's order");
    expect(computeContractSize(sizingInput({ firmCode: 'apex' })).status).toBe('APPROVED');
  });
});

describe('computeContractSize — max risk percent', () => {
  it('rejects a risk percent above the program cap and accepts one equal to it', () => {
    const r = computeContractSize(sizingInput({ riskPercent: 0.02, limits: limits(envRisk('0.01')) }));
    expect(r).toMatchObject({ status: 'REJECTED', rule: 'MAX_RISK_PERCENT', computed_quantity: null });
    expect(r.reason).toBe(
      'Risk 2% per trade is above the 1% maximum for APEX program 4 (APEX_4_MAX_RISK_PERCENT)',
    );
    expect(computeContractSize(sizingInput({ limits: limits(envRisk('0.01')) })).computed_quantity).toBe(25);
  });

  it('never sizes a 100% bet from risk_percent 1 meant as "1 %": the global safety cap applies', () => {
    const r = computeContractSize(sizingInput({ riskPercent: 1 }));
    expect(r.reason).toBe(
      'Risk 100% per trade is above the 5% maximum for APEX program 4 (SIZING_MAX_RISK_PERCENT safety cap)',
    );
  });
});

describe('computeContractSize — user quantity', () => {
  it('validates a user quantity and never replaces it with the computed one', () => {
    const r = computeContractSize(sizingInput({ quantity: 3, limits: limits(envMax(5)) }));
    expect(r).toMatchObject({ status: 'APPROVED', rule: null, computed_quantity: 3 });
    expect(r.details).toMatchObject({
      user_quantity: 3,
      risk_checked: true,
      quantity_risk: 60,
      max_risk_amount: 2500,
    });
  });

  it('rejects a user quantity above max contracts and accepts one equal to it', () => {
    const r = computeContractSize(sizingInput({ quantity: 6, limits: limits(envMax(5)) }));
    expect(r).toMatchObject({ status: 'REJECTED', rule: 'MAX_CONTRACTS', computed_quantity: null });
    expect(r.reason).toBe(
      'A quantity of 6 contracts is above the maximum of 5 contracts for APEX program 4 (APEX_4_MAX_CONTRACTS)',
    );
    expect(
      computeContractSize(sizingInput({ quantity: 5, limits: limits(envMax(5)) })).computed_quantity,
    ).toBe(5);
  });

  it('rejects a user quantity below min contracts', () => {
    const r = computeContractSize(sizingInput({ quantity: 1, limits: limits({ minContracts: 2 }) }));
    expect(r.reason).toBe(
      'A quantity of 1 contract is below the minimum of 2 contracts for APEX program 4 (APEX_4_MIN_CONTRACTS)',
    );
  });

  it('rejects a user quantity whose risk exceeds max risk percent of the account; equal is allowed', () => {
    const base = { symbol: 'NQ', limits: limits(envRisk('0.01')) };
    const r = computeContractSize(sizingInput({ ...base, quantity: 3 }));
    expect(r).toMatchObject({ status: 'REJECTED', rule: 'MAX_RISK_PERCENT' });
    expect(r.reason).toBe(
      '3 contracts × 10 points × $20/point risk $600.00, 1.2% of the $50,000.00 account; ' +
        'the maximum is 1% ($500.00, APEX_4_MAX_RISK_PERCENT)',
    );
    const atCap = computeContractSize(sizingInput({ ...base, quantity: 2, entryPrice: 21012.5 }));
    expect([atCap.status, atCap.details.quantity_risk]).toEqual(['APPROVED', 500]);
  });

  it('approves the user quantity when the account size is missing, saying the risk was not checked', () => {
    const r = computeContractSize(sizingInput({ accountSize: null, programFirmCode: null, quantity: 4 }));
    expect(r).toMatchObject({ status: 'APPROVED', computed_quantity: 4 });
    expect(r.details).toMatchObject({ account_size: null, risk_checked: false });
  });

  it('still applies contract limits to a user quantity without an account size', () => {
    const r = computeContractSize(sizingInput({ accountSize: null, quantity: 9, limits: limits(envMax(5)) }));
    expect(r.rule).toBe('MAX_CONTRACTS');
  });

  it('approves a user quantity without a stop (risk cannot be measured) but rejects an unknown symbol when it can', () => {
    const unknown = { symbol: 'FOO', pointValue: null };
    const noStop = computeContractSize(sizingInput({ ...unknown, stopLoss: null, quantity: 2 }));
    expect([noStop.status, noStop.computed_quantity, noStop.details.risk_checked]).toEqual([
      'APPROVED',
      2,
      false,
    ]);
    expect(computeContractSize(sizingInput({ ...unknown, quantity: 2 })).rule).toBe('UNKNOWN_SYMBOL');
  });
});
