import { aProgram, anAccount, d } from '../../../../test/risk/support/risk.mother';
import type { AccountState } from '../account-state';
import type { ProgramLimits } from '../program-limits';
import { checkMaxLoss } from './max-loss.rule';

const check = (
  program: Partial<ProgramLimits>,
  state: Partial<AccountState>,
  worstCase: number | null = null,
) =>
  checkMaxLoss({
    program: aProgram(program),
    state: anAccount(state),
    worstCase: worstCase === null ? null : d(worstCase),
  });

describe('rule 8: maximum loss by drawdown type (50,000 account, 2,500 max loss)', () => {
  describe('static: floor 47,500', () => {
    it('rejects at the floor, passes just above, rejects just below', () => {
      expect(check({}, { balance: d(47500) })?.details).toMatchObject({ floor: 47500, headroom: 0 });
      expect(check({}, { balance: d(47500.01) })).toBeNull();
      expect(check({}, { balance: d(47499.99) })?.rule).toBe('MAX_LOSS_LIMIT');
    });

    it('counts open P&L in equity', () => {
      expect(check({}, { balance: d(48000), openPnl: d(-500) })?.details).toMatchObject({
        equity: 47500,
        headroom: 0,
      });
    });

    it('rejects a worst case that reaches the floor, passes one just inside', () => {
      expect(check({}, { balance: d(48000) }, 499.99)).toBeNull();
      expect(check({}, { balance: d(48000) }, 500)).toEqual({
        rule: 'MAX_LOSS_LIMIT',
        reason: "This order's worst case (500) would reach the static floor of 47500: 500 left",
        details: {
          drawdown_type: 'static',
          max_total_loss: 2500,
          floor: 47500,
          high_water_mark: 50000,
          locked: false,
          equity: 48000,
          headroom: 500,
          worst_case: 500,
          program_id: 4,
        },
      });
    });

    it('uses static when the registry gives no drawdown type', () => {
      expect(check({ drawdownType: null }, { balance: d(47500) })?.details).toMatchObject({
        drawdown_type: 'static',
      });
    });
  });

  it('eod_trailing: floor = end-of-day high-water mark − max loss (52,000 → 49,500)', () => {
    const state = { highWaterMarkEod: d(52000), highWaterMarkIntraday: d(53000) };
    expect(check({ drawdownType: 'eod_trailing' }, { ...state, balance: d(49500) })?.details).toMatchObject({
      floor: 49500,
    });
    expect(check({ drawdownType: 'eod_trailing' }, { ...state, balance: d(49500.01) })).toBeNull();
  });

  it('intraday_trailing: floor trails the highest equity, including the current one', () => {
    const program = { drawdownType: 'intraday_trailing' as const };
    expect(check(program, { highWaterMarkIntraday: d(53000), balance: d(50500) })?.details).toMatchObject({
      floor: 50500,
    });
    expect(check(program, { highWaterMarkIntraday: d(53000), balance: d(50500.01) })).toBeNull();
    // equity 51,200 above the stored mark 51,000: the floor is 48,700
    expect(
      check(program, { highWaterMarkIntraday: d(51000), balance: d(50000), openPnl: d(1200) }, 2500)?.details,
    ).toMatchObject({
      floor: 48700,
      high_water_mark: 51200,
      headroom: 2500,
    });
  });

  it('eod_trailing_until_lock: trails until the floor reaches the starting balance, then stays there', () => {
    const program = { drawdownType: 'eod_trailing_until_lock' as const };
    expect(check(program, { highWaterMarkEod: d(52400), balance: d(49900) })?.details).toMatchObject({
      floor: 49900,
      locked: false,
    });
    expect(check(program, { highWaterMarkEod: d(52400), balance: d(49900.01) })).toBeNull();
    expect(check(program, { highWaterMarkEod: d(52500), balance: d(50000) })?.details).toMatchObject({
      floor: 50000,
      locked: true,
    });
    expect(check(program, { highWaterMarkEod: d(60000), balance: d(50000.01) })).toBeNull();
  });

  it('intraday_trailing_until_lock: locks at the starting balance too', () => {
    const program = { drawdownType: 'intraday_trailing_until_lock' as const };
    expect(check(program, { highWaterMarkIntraday: d(58000), balance: d(50000) })?.details).toMatchObject({
      floor: 50000,
      locked: true,
    });
    expect(check(program, { highWaterMarkIntraday: d(51000), balance: d(48500) })?.details).toMatchObject({
      floor: 48500,
      locked: false,
    });
  });

  it('is off without a max total loss', () => {
    expect(check({ maxTotalLoss: null }, { balance: d(1) })).toBeNull();
  });

  it('counts the worst cases of the entries approved before it from the same read', () => {
    // static 50k, 2,500 max loss: floor 47,500; equity 48,000 leaves 500
    const state = anAccount({ balance: d(48000) });
    const program = aProgram({ maxTotalLoss: d(2500) });
    const run = (worstCase: number | null, pending: number) =>
      checkMaxLoss({
        program,
        state,
        worstCase: worstCase === null ? null : d(worstCase),
        pendingLoss: d(pending),
      });
    expect(run(299.99, 200)).toBeNull();
    expect(run(300, 200)).toMatchObject({
      rule: 'MAX_LOSS_LIMIT',
      details: { worst_case: 300, pending_worst_case: 200, headroom: 500 },
    });
    expect(run(null, 500)?.reason).toContain('(unknown) with 500 of pending entries');
    expect(run(null, 0)).toBeNull();
  });
});
