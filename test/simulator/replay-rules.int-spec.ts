import { aTrade, catalogueSimulator, programOf } from './support/catalogue-simulator';

/** Hand-computed replays over the shipped catalogue with the live rule book and sizing (no database). */
describe('ReplaySimulator: rules by hand', () => {
  const { simulator } = catalogueSimulator();

  it('a day that breaches the drawdown at 14:02 fails at 14:02, not at the close', async () => {
    const ftmo = programOf('FTMO', 10000); // static: floor 9,000; daily loss 500
    // 2026-03-03 (Tuesday), Prague times: −400 at 10:00, then a −700 exit at 14:02 → equity 8,900 ≤ 9,000
    const trades = [
      aTrade({ entry: '2026-03-03T09:00:00+01:00', exit: '2026-03-03T10:00:00+01:00', points: '-20' }),
      aTrade({ entry: '2026-03-03T13:30:00+01:00', exit: '2026-03-03T14:02:00+01:00', points: '-35' }),
      aTrade({ entry: '2026-03-03T15:00:00+01:00', exit: '2026-03-03T15:30:00+01:00', points: '100' }),
    ];
    const r = await simulator.replay({
      trades,
      programs: { programIds: [ftmo.id] },
      sizing: { mode: 'as_traded' },
    });
    const v = r.verdicts[0];
    expect(v.status).toBe('FAILED');
    // the daily line (10,000 − 500 = 9,500) is met before the floor (9,000) on the way down: FTMO's daily loss is hard
    expect(v.failure).toMatchObject({
      rule: 'DAILY_LOSS_LIMIT',
      at: '2026-03-03T13:02:00.000Z',
      tradingDay: '2026-03-03',
      equity: 8900,
      limit: 9500,
    });
    expect(v.tradesReplayed).toBe(2);
  });

  it('a soft daily loss (Topstep) liquidates at the line and pauses the day without failing', async () => {
    const topstep = programOf('TOPSTEP', 50000, 'Trading Combine'); // daily loss 1,000 soft, MLL 2,000 EOD
    const trades = [
      aTrade({ entry: '2026-03-03T09:40:00-05:00', exit: '2026-03-03T10:10:00-05:00', points: '-60' }), // −1,200
      aTrade({ entry: '2026-03-03T11:00:00-05:00', exit: '2026-03-03T11:30:00-05:00', points: '10' }), // paused
      aTrade({ entry: '2026-03-04T10:00:00-05:00', exit: '2026-03-04T10:30:00-05:00', points: '10' }), // +200
    ];
    const r = await simulator.replay({
      trades,
      programs: { programIds: [topstep.id] },
      sizing: { mode: 'as_traded' },
    });
    const v = r.verdicts[0];
    expect(v.status).toBe('NOT_YET');
    expect(v.pauses).toEqual([
      { tradingDay: '2026-03-03', at: '2026-03-03T15:10:00.000Z', dailyPnl: -1000, limit: 1000 },
    ]);
    expect(v.skipped.byRule).toEqual({ DAILY_LOSS_LIMIT: 1 });
    expect(v.profit).toBe(-800); // −1,000 at the line, then +200
  });
});
