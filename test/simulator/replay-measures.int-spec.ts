import { aTrade, catalogueSimulator, programOf } from './support/catalogue-simulator';

/**
 * Hand-computed measures of a replay (drawdown used, closest approach, worst day): they must add up to the
 * verdict — a program that used 100 % or more of its drawdown is FAILED, and one that did not is not.
 */
describe('ReplaySimulator: measures agree with the verdict', () => {
  const { simulator } = catalogueSimulator();
  // Day 1 (2026-03-03): +3 NQ points = +60 → balance 50,060; end of day: EOD high-water mark 50,060.
  // Day 2 (2026-03-04): worst open loss 130 points = −2,600, exit −10 points = −200.
  const trades = [
    aTrade({ entry: '2026-03-03T09:00:00-05:00', exit: '2026-03-03T09:30:00-05:00', points: '3' }),
    aTrade({
      entry: '2026-03-04T09:10:00-05:00',
      exit: '2026-03-04T10:00:00-05:00',
      points: '-10',
      worstPoints: '130',
    }),
  ];

  it('a soft daily loss that liquidates above the floor: the floor is never reached (50 % used, not 130 %)', async () => {
    // Trading Combine 50K: daily loss 1,000 soft, MLL 2,000 end-of-day trailing → floor 50,060 − 2,000 = 48,060.
    // On the way down the daily line (50,060 − 1,000 = 49,060) is met first: Topstep liquidates there, so equity
    // stops at 49,060, 1,000 above the floor: (2,000 − 1,000) / 2,000 = 50 % of the drawdown used.
    const combine = programOf('TOPSTEP', 50000, 'Trading Combine');
    const r = await simulator.replay({
      trades,
      programs: { programIds: [combine.id] },
      sizing: { mode: 'as_traded' },
    });
    const v = r.verdicts[0];
    expect(v.status).toBe('NOT_YET');
    expect(v.pauses).toEqual([
      { tradingDay: '2026-03-04', at: '2026-03-04T15:00:00.000Z', dailyPnl: -1000, limit: 1000 },
    ]);
    expect(v.profit).toBe(-940);
    expect(v.maxDrawdownUsedPercent).toBe(50);
    expect(v.closest.drawdown).toMatchObject({ room: 1000, limit: 2000, tradingDay: '2026-03-04' });
    expect(v.closest.dailyLoss).toMatchObject({ room: 0, limit: 1000, tradingDay: '2026-03-04' });
    expect(v.worstDay).toEqual({ tradingDay: '2026-03-04', pnl: -1000, dailyLimit: 1000 });
  });

  it('without a daily line the same trade breaches the floor: FAILED, 130 % used, the failing day is the worst', async () => {
    // Express Funded Account 50K: no daily loss limit, MLL 2,000 end-of-day trailing → floor 48,060;
    // the trough 50,060 − 2,600 = 47,460 is 600 below it: (2,000 + 600) / 2,000 = 130 %.
    const xfa = programOf('TOPSTEP', 50000, 'Express Funded');
    const r = await simulator.replay({
      trades,
      programs: { programIds: [xfa.id] },
      sizing: { mode: 'as_traded' },
    });
    const v = r.verdicts[0];
    expect(v.status).toBe('FAILED');
    expect(v.failure).toMatchObject({
      rule: 'MAX_LOSS_LIMIT',
      tradingDay: '2026-03-04',
      at: '2026-03-04T15:00:00.000Z',
      intraTrade: true,
      equity: 47460,
      limit: 48060,
    });
    expect(v.maxDrawdownUsedPercent).toBe(130);
    expect(v.worstDay).toEqual({ tradingDay: '2026-03-04', pnl: -2600, dailyLimit: null });
  });

  it("a trade held past the firm's flat-by time is counted; an entry after it is refused", async () => {
    // Topstep flattens by 15:10 Chicago (21:10 UTC on 2026-03-03, CST): B is entered at 14:30 and still open at
    // 15:30, C is entered at 15:20 (refused: FLAT_BY); A (10:00–10:30) is within the session
    const combine = programOf('TOPSTEP', 50000, 'Trading Combine');
    const ftmo = programOf('FTMO', 10000); // no flat-by time
    const held = [
      aTrade({
        ref: 'A',
        entry: '2026-03-03T10:00:00-06:00',
        exit: '2026-03-03T10:30:00-06:00',
        points: '1',
      }),
      aTrade({
        ref: 'B',
        entry: '2026-03-03T14:30:00-06:00',
        exit: '2026-03-03T15:30:00-06:00',
        points: '1',
      }),
      aTrade({
        ref: 'C',
        entry: '2026-03-03T15:20:00-06:00',
        exit: '2026-03-03T15:40:00-06:00',
        points: '1',
      }),
    ];
    const r = await simulator.replay({
      trades: held,
      programs: { programIds: [combine.id, ftmo.id] },
      sizing: { mode: 'as_traded' },
    });
    const [topstep, noFlatBy] = r.verdicts;
    expect(topstep.flatBy).toEqual({
      violations: 1,
      first: [{ trade: 'B', flatByAt: '2026-03-03T21:10:00.000Z', exitAt: '2026-03-03T21:30:00.000Z' }],
    });
    expect(topstep.skipped.byRule).toEqual({ FLAT_BY: 1 });
    expect(topstep.tradesReplayed).toBe(2);
    expect(noFlatBy.flatBy).toBeNull();
    expect(noFlatBy.tradesReplayed).toBe(3);
  });

  it('an intraday trail given back without any open loss still fails at the floor (at the exit)', async () => {
    // Apex intraday 50K: 2,500 trail locked at 50,100. One NQ trade runs up 130 points (+2,600: peak 52,600, floor
    // min(52,600 − 2,500, 50,100) = 50,100) and exits +2.5 points (+50): equity 50,050 at the exit is below the
    // floor, though the trade was never below its entry
    const apex = programOf('APEX', 50000, 'Intraday');
    const r = await simulator.replay({
      trades: [
        aTrade({
          entry: '2026-03-03T10:00:00-05:00',
          exit: '2026-03-03T10:30:00-05:00',
          points: '2.5',
          bestPoints: '130',
        }),
      ],
      programs: { programIds: [apex.id] },
      sizing: { mode: 'as_traded' },
    });
    expect(r.verdicts[0].failure).toMatchObject({
      rule: 'MAX_LOSS_LIMIT',
      at: '2026-03-03T15:30:00.000Z',
      intraTrade: false,
      equity: 50050,
      limit: 50100,
    });
  });
});
