import Decimal from 'decimal.js';
import { AccountState, freshAccount } from './account-state';
import { accountRoom } from './account-room';
import type { ProgramLimits } from './program-limits';
import { checkDailyLoss } from './rules/daily-loss.rule';
import { checkMaxLoss } from './rules/max-loss.rule';

const program: ProgramLimits = {
  programId: 4,
  firmCode: 'APEX',
  accountSize: new Decimal(50000),
  maxDailyLoss: new Decimal(1000),
  maxTotalLoss: new Decimal(2500),
  drawdownType: 'intraday_trailing',
  maxContracts: 10,
  maxRiskPercent: null,
};
const now = new Date('2026-12-02T15:00:00.000Z');
const state = (over: Partial<AccountState>): AccountState => ({
  ...freshAccount(program, '2026-12-02', now, 7),
  ...over,
});

describe('accountRoom: the headroom the gate checks', () => {
  it('a fresh account has the whole daily limit and the whole drawdown left', () => {
    const room = accountRoom(program, state({}), program.maxDailyLoss);
    expect(room.equity.toFixed()).toBe('50000');
    expect(room.dailyLossLeft?.toFixed()).toBe('1000');
    expect(room.drawdownLeft?.toFixed()).toBe('2500');
    expect(room.drawdownFloor?.toFixed()).toBe('47500');
  });

  it.each([
    ['one cent inside', '-999.99', '0.01', null],
    ['at the limit', '-1000.00', '0', 'DAILY_LOSS_LIMIT'],
    ['one cent over', '-1000.01', '-0.01', 'DAILY_LOSS_LIMIT'],
  ])('daily loss %s: room %s, and the rule agrees', (_, pnl, left, rule) => {
    const s = state({ realizedPnlToday: new Decimal(pnl), balance: new Decimal(50000).plus(pnl) });
    const room = accountRoom(program, s, program.maxDailyLoss);
    expect(room.dailyLossLeft?.toFixed()).toBe(new Decimal(left).toFixed());
    const denial = checkDailyLoss({ limit: program.maxDailyLoss, state: s, worstCase: null, programId: 4 });
    expect(denial?.rule ?? null).toBe(rule);
  });

  it.each([
    ['one cent inside', '50500', '48000.01', '0.01', null],
    ['at the floor', '50500', '48000.00', '0', 'MAX_LOSS_LIMIT'],
    ['one cent under', '50500', '47999.99', '-0.01', 'MAX_LOSS_LIMIT'],
  ])('trailing drawdown %s (peak %s, equity %s): room %s, and the rule agrees', (_, peak, eq, left, rule) => {
    const s = state({ highWaterMarkIntraday: new Decimal(peak), balance: new Decimal(eq) });
    const room = accountRoom(program, s, null);
    expect(room.drawdownLeft?.toFixed()).toBe(new Decimal(left).toFixed());
    expect(room.drawdownFloor?.toFixed()).toBe('48000');
    expect(room.dailyLossLeft).toBeNull();
    expect(checkMaxLoss({ program, state: s, worstCase: null })?.rule ?? null).toBe(rule);
  });

  it('open P&L counts in both', () => {
    const room = accountRoom(program, state({ openPnl: new Decimal('-250.25') }), program.maxDailyLoss);
    expect(room.dailyLossLeft?.toFixed()).toBe('749.75');
    expect(room.equity.toFixed()).toBe('49749.75');
  });

  it('a program without a maximum loss has no drawdown room', () => {
    const room = accountRoom({ ...program, maxTotalLoss: null }, state({}), null);
    expect(room.drawdownLeft).toBeNull();
    expect(room.drawdownFloor).toBeNull();
  });
});
