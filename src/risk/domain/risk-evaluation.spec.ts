import { anAccount, anOrder, aProgram, d, someRules } from '../../../test/risk/support/risk.mother';
import { evaluateOrder, RiskEvaluationInput } from './risk-evaluation';
import { parseTradingWindow } from './trading-window';

const MONDAY_NOON = new Date('2026-03-09T16:00:00Z');
const SATURDAY = new Date('2026-03-07T17:00:00Z');
const ACTIVE = { code: 'APEX', status: 'active' };
const HALT = {
  id: 1,
  firmCode: null,
  accountId: null,
  expiresAt: null,
  reason: 'news',
  createdBy: 'admin',
  createdAt: MONDAY_NOON,
  clearedBy: null,
  clearedAt: null,
};

function input(o: Partial<RiskEvaluationInput> = {}): RiskEvaluationInput {
  return {
    order: anOrder(),
    firm: ACTIVE,
    rules: someRules(),
    halts: [],
    root: 'NQ',
    pointValue: d(20),
    now: MONDAY_NOON,
    accounts: [{ program: aProgram(), state: anAccount() }],
    staleAfterMs: 10_000,
    ...o,
  };
}
const ruleOf = (o: Partial<RiskEvaluationInput>) => evaluateOrder(input(o))?.rule ?? 'APPROVED';

describe('evaluateOrder', () => {
  it('approves an order that passes every rule', () => {
    expect(evaluateOrder(input())).toBeNull();
  });

  it('applies the rules in order: the first failure wins', () => {
    const everythingWrong: Partial<RiskEvaluationInput> = {
      rules: someRules({
        enabled: false,
        supportedSymbols: ['ES'],
        tradingWindow: parseTradingWindow('09:30-16:00'),
        maxPositionSize: 1,
      }),
      halts: [HALT],
      now: SATURDAY,
      order: anOrder({ quantity: 5 }),
    };
    expect(ruleOf(everythingWrong)).toBe('FIRM_DISABLED');
    expect(ruleOf({ ...everythingWrong, rules: { ...everythingWrong.rules!, enabled: true } })).toBe(
      'TRADING_HALTED',
    );
    expect(
      ruleOf({ ...everythingWrong, rules: { ...everythingWrong.rules!, enabled: true }, halts: [] }),
    ).toBe('SYMBOL_NOT_SUPPORTED');
    expect(
      ruleOf({
        ...everythingWrong,
        rules: { ...everythingWrong.rules!, enabled: true, supportedSymbols: null },
        halts: [],
      }),
    ).toBe('OUTSIDE_TRADING_WINDOW');
  });

  it('lets an exit skip rules 4–8 (window, size, risk, daily and max loss) and the halt', () => {
    const blown = anAccount({ balance: d(40000), realizedPnlToday: d(-10000), openContracts: 3 });
    const exit: Partial<RiskEvaluationInput> = {
      order: anOrder({ eventType: 'exit', side: 'sell', quantity: 50, riskPercent: 0.5 }),
      rules: someRules({
        tradingWindow: parseTradingWindow('09:30-16:00'),
        maxPositionSize: 1,
        maxRiskPercent: d('0.01'),
      }),
      halts: [HALT],
      now: SATURDAY,
      accounts: [{ program: aProgram(), state: blown }],
    };
    expect(ruleOf(exit)).toBe('APPROVED');
    expect(ruleOf({ ...exit, order: { ...exit.order!, eventType: 'entry' } })).toBe('TRADING_HALTED');
  });

  it('still rejects an exit to a firm that is missing, inactive or disabled, or on an unsupported symbol', () => {
    const exit = anOrder({ eventType: 'exit' });
    expect(ruleOf({ order: exit, firm: null })).toBe('FIRM_NOT_FOUND');
    expect(ruleOf({ order: exit, firm: { code: 'APEX', status: 'inactive' } })).toBe('FIRM_INACTIVE');
    expect(ruleOf({ order: exit, rules: someRules({ enabled: false }) })).toBe('FIRM_DISABLED');
    expect(ruleOf({ order: exit, rules: someRules({ supportedSymbols: ['ES'] }) })).toBe(
      'SYMBOL_NOT_SUPPORTED',
    );
  });

  it('compares an unknown symbol upper-cased against the supported list', () => {
    expect(
      ruleOf({
        order: anOrder({ symbol: 'eurusd' }),
        root: null,
        rules: someRules({ supportedSymbols: ['EURUSD'] }),
      }),
    ).toBe('APPROVED');
  });

  it('values the worst case with the point value: 2 × 10 points × 20 = 400 against 400 left today', () => {
    const state = anAccount({ realizedPnlToday: d(-600) });
    const order = anOrder({ quantity: 2, entryPrice: 21500, stopLoss: 21490 });
    expect(evaluateOrder(input({ order, accounts: [{ program: aProgram(), state }] }))).toMatchObject({
      rule: 'DAILY_LOSS_LIMIT',
      details: { worst_case: 400, headroom: 400 },
    });
    expect(
      ruleOf({
        order: anOrder({ quantity: 2, entryPrice: 21500, stopLoss: 21490.25 }),
        accounts: [{ program: aProgram(), state }],
      }),
    ).toBe('APPROVED');
  });

  it('checks only the current state when the point value is unknown', () => {
    const state = anAccount({ realizedPnlToday: d(-999) });
    expect(ruleOf({ pointValue: null, root: null, accounts: [{ program: aProgram(), state }] })).toBe(
      'APPROVED',
    );
  });

  it('runs each rule over every program and names the first program that fails', () => {
    const healthy = { program: aProgram({ programId: 4 }), state: anAccount({ programId: 4 }) };
    const blown = {
      program: aProgram({ programId: 5 }),
      state: anAccount({ programId: 5, balance: d(47000) }),
    };
    const full = {
      program: aProgram({ programId: 6, maxContracts: 1 }),
      state: anAccount({ programId: 6, openContracts: 1 }),
    };
    expect(evaluateOrder(input({ accounts: [healthy, blown] }))).toMatchObject({
      rule: 'MAX_LOSS_LIMIT',
      details: { program_id: 5 },
    });
    // rule 5 comes before rule 8, whatever the order of the programs
    expect(evaluateOrder(input({ accounts: [blown, full] }))).toMatchObject({
      rule: 'MAX_POSITION_SIZE',
      details: { program_id: 6 },
    });
  });

  it('prefers the firm env limit over the program for daily loss and risk percent', () => {
    const state = anAccount({ realizedPnlToday: d(-500) });
    const accounts = [{ program: aProgram({ maxDailyLoss: d(1000), maxRiskPercent: d('0.05') }), state }];
    expect(ruleOf({ accounts, rules: someRules({ maxDailyLoss: d(500) }) })).toBe('DAILY_LOSS_LIMIT');
    expect(ruleOf({ accounts, order: anOrder({ riskPercent: 0.02 }) })).toBe('APPROVED');
    expect(
      ruleOf({
        accounts,
        order: anOrder({ riskPercent: 0.02 }),
        rules: someRules({ maxRiskPercent: d('0.01') }),
      }),
    ).toBe('MAX_RISK_PERCENT');
  });

  it('refuses an entry above {FIRM}_MAX_POSITION_SIZE even when it nets against an opposite position', () => {
    const short = [{ program: aProgram(), state: anAccount({ openContracts: -5 }) }];
    const rules = someRules({ maxPositionSize: 5 });
    expect(ruleOf({ accounts: short, rules, order: anOrder({ quantity: 5, stopLoss: 21495 }) })).toBe(
      'APPROVED',
    );
    expect(evaluateOrder(input({ accounts: short, rules, order: anOrder({ quantity: 6 }) }))).toEqual({
      rule: 'MAX_POSITION_SIZE',
      reason: "Order of 6 contracts is above the firm's limit of 5",
      details: { limit: 5, firm_limit: 5, requested_quantity: 6 },
    });
    // the program's max contracts limits the position after the order, not the order itself
    const program = [{ program: aProgram({ maxContracts: 2 }), state: anAccount({ openContracts: -2 }) }];
    expect(ruleOf({ accounts: program, order: anOrder({ quantity: 4, stopLoss: 21495 }) })).toBe('APPROVED');
  });

  it('applies firm-level limits when the signal names no program of the firm', () => {
    expect(
      ruleOf({ accounts: [], order: anOrder({ quantity: 3 }), rules: someRules({ maxPositionSize: 2 }) }),
    ).toBe('MAX_POSITION_SIZE');
    expect(
      ruleOf({
        accounts: [],
        order: anOrder({ riskPercent: 0.03 }),
        rules: someRules({ maxRiskPercent: d('0.02') }),
      }),
    ).toBe('MAX_RISK_PERCENT');
    expect(ruleOf({ accounts: [], rules: someRules({ maxDailyLoss: d(1) }) })).toBe('APPROVED');
  });
});
