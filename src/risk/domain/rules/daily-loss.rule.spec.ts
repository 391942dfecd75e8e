import { anAccount, d } from '../../../../test/risk/support/risk.mother';
import { checkDailyLoss } from './daily-loss.rule';

const check = (realized: number, open: number, worstCase: number | null, limit = 1000) =>
  checkDailyLoss({
    limit: d(limit),
    state: anAccount({ realizedPnlToday: d(realized), openPnl: d(open) }),
    worstCase: worstCase === null ? null : d(worstCase),
    programId: 4,
  });

describe('rule 7: daily loss limit', () => {
  it('rejects when today is at the limit, passes just inside, rejects just outside', () => {
    expect(check(-1000, 0, null)?.rule).toBe('DAILY_LOSS_LIMIT');
    expect(check(-999.99, 0, null)).toBeNull();
    expect(check(-1000.01, 0, null)?.rule).toBe('DAILY_LOSS_LIMIT');
  });

  it('counts open P&L with realized P&L', () => {
    expect(check(-600, -400, null)?.details).toMatchObject({ daily_pnl: -1000, headroom: 0 });
    expect(check(-600, 400, null)).toBeNull();
  });

  it('rejects an order whose worst case would reach the limit, passes one just inside', () => {
    // -700 today: 300 left
    expect(check(-600, -100, 299.99)).toBeNull();
    expect(check(-600, -100, 300)).toEqual({
      rule: 'DAILY_LOSS_LIMIT',
      reason: "This order's worst case (300) would reach the daily loss limit: 300 left today",
      details: {
        limit: 1000,
        daily_pnl: -700,
        realized_pnl_today: -600,
        open_pnl: -100,
        headroom: 300,
        worst_case: 300,
        trading_day: '2026-03-09',
        program_id: 4,
      },
    });
    expect(check(-600, -100, 300.01)?.rule).toBe('DAILY_LOSS_LIMIT');
  });

  it('checks only the current state when the worst case is unknown', () => {
    expect(check(-999, 0, null)).toBeNull();
  });

  it('is off without a limit', () => {
    const state = anAccount({ realizedPnlToday: d(-50000) });
    expect(checkDailyLoss({ limit: null, state, worstCase: d(1), programId: 4 })).toBeNull();
  });

  it('counts the worst cases of the entries approved before it from the same read', () => {
    const state = anAccount({ realizedPnlToday: d(-600), openPnl: d(0) }); // 400 left
    const run = (worstCase: number | null, pending: number) =>
      checkDailyLoss({
        limit: d(1000),
        state,
        worstCase: worstCase === null ? null : d(worstCase),
        pendingLoss: d(pending),
        programId: 4,
      });
    expect(run(199.99, 200)).toBeNull();
    expect(run(200, 200)).toMatchObject({
      rule: 'DAILY_LOSS_LIMIT',
      reason:
        "This order's worst case (200) with 200 of pending entries would reach the daily loss limit: 400 left today",
      details: { worst_case: 200, pending_worst_case: 200, headroom: 400 },
    });
    // an order of unknown worst case once the approved ones took all the room
    expect(run(null, 400)?.reason).toContain("This order's worst case (unknown) with 400");
    expect(run(null, 399.99)).toBeNull();
    expect(run(null, 0)).toBeNull();
  });
});
