import { parseTradeFile } from '../../src/simulator/application/trade-file.parser';
import { aTrade, catalogueSimulator, programOf } from './support/catalogue-simulator';

/**
 * Hand-computed replays per firm of the shipped catalogue (catalog/prop-firms.json, the rules of
 * /work/shared/reference/firm-rules.md): each firm's first limit on a fresh account, one NQ ($20 a point, $5 a
 * tick) lost in one day, at the limit and one tick inside it; the end-of-day trailing locks (start + 100, start);
 * a TradingView export whose run-up and drawdown columns decide an intraday-trailing verdict.
 */
describe('ReplaySimulator: per firm, by hand', () => {
  const { simulator } = catalogueSimulator();
  const replay = async (programId: number, trades: ReturnType<typeof aTrade>[]) =>
    (await simulator.replay({ trades, programs: { programIds: [programId] }, sizing: { mode: 'as_traded' } }))
      .verdicts[0];
  // Tuesday 2026-03-03, 10:00–10:30 New York (15:00–15:30 UTC): the same trading day for every firm
  const lose = (points: string) =>
    aTrade({ entry: '2026-03-03T10:00:00-05:00', exit: '2026-03-03T10:30:00-05:00', points: `-${points}` });

  type FirstLimit =
    | { rule: 'DAILY_LOSS_LIMIT' | 'MAX_LOSS_LIMIT'; line: number }
    | { rule: 'PER_TRADE_LOSS_LIMIT'; limit: number }
    | { rule: 'SOFT_DAILY'; limit: number };
  // [firm, program, size, loss that reaches the first limit (points of 1 NQ), what it is]
  const FIRMS: [string, string, number, string, FirstLimit][] = [
    // static 1,000, daily 500 hard (equity vs the midnight Prague balance): 10,000 − 500
    ['FTMO', '2-Step', 10000, '25', { rule: 'DAILY_LOSS_LIMIT', line: 9500 }],
    // EOD trailing 2,500, no daily loss: the floor starts at 47,500
    ['APEX', 'EOD Trailing', 50000, '125', { rule: 'MAX_LOSS_LIMIT', line: 47500 }],
    // soft daily loss 1,000 (liquidated, the day paused, not a violation) before the 2,000 MLL
    ['TOPSTEP', 'Trading Combine', 50000, '50', { rule: 'SOFT_DAILY', limit: 1000 }],
    // EOD trailing 2,000, no daily loss
    ['MFFU', 'Evaluation', 50000, '100', { rule: 'MAX_LOSS_LIMIT', line: 48000 }],
    ['ALPHA', 'Standard Evaluation', 50000, '100', { rule: 'MAX_LOSS_LIMIT', line: 48000 }],
    // daily loss 2.5 % of the prior end-of-day balance: 1,250 on the first day, before the 2,000 trail
    ['TOPONE', 'Elite Challenge', 50000, '62.5', { rule: 'DAILY_LOSS_LIMIT', line: 48750 }],
    ['TRADEIFY', 'Select Evaluation', 50000, '100', { rule: 'MAX_LOSS_LIMIT', line: 48000 }],
    // per-trade loss 2 % of 25K = 500, which a trade may reach but not exceed: one tick over fails
    ['FUNDINGTICKS', 'Pro+ Evaluation', 25000, '25', { rule: 'PER_TRADE_LOSS_LIMIT', limit: 500 }],
    // hard daily loss 1,200 (fees included), no drawdown in the Legacy challenge
    ['FUNDEDNEXT', 'Legacy Challenge', 50000, '60', { rule: 'DAILY_LOSS_LIMIT', line: 48800 }],
    ['FUNDEDNEXT', 'Rapid Challenge', 50000, '100', { rule: 'MAX_LOSS_LIMIT', line: 48000 }],
    // hard daily loss 1,250, no maximum loss
    ['AQUA', 'Beginner Evaluation', 50000, '62.5', { rule: 'DAILY_LOSS_LIMIT', line: 48750 }],
    ['TPT', 'Test (Evaluation)', 50000, '100', { rule: 'MAX_LOSS_LIMIT', line: 48000 }],
  ];
  const tick = (points: string, by: number) => String(Number(points) + by * 0.25);

  it.each(FIRMS)(
    '%s %s %i: the first limit at the line, not one tick inside it',
    async (firm, name, size, pts, first) => {
      const id = programOf(firm, size, name).id;
      if (first.rule === 'PER_TRADE_LOSS_LIMIT') {
        // at the limit: within; one tick over: FAILED on that trade
        expect(await replay(id, [lose(pts)])).toMatchObject({ status: 'NOT_YET', failure: null });
        const over = await replay(id, [lose(tick(pts, 1))]);
        expect(over).toMatchObject({ status: 'FAILED', failure: { rule: first.rule, limit: first.limit } });
        return;
      }
      const inside = await replay(id, [lose(tick(pts, -1))]);
      expect(inside).toMatchObject({ status: 'NOT_YET', failure: null, pauses: [] });
      const at = await replay(id, [lose(pts)]);
      if (first.rule === 'SOFT_DAILY') {
        expect(at).toMatchObject({ status: 'NOT_YET', failure: null });
        expect(at.pauses).toEqual([expect.objectContaining({ dailyPnl: -first.limit, limit: first.limit })]);
        return;
      }
      expect(at).toMatchObject({
        status: 'FAILED',
        failure: {
          rule: first.rule,
          tradingDay: '2026-03-03',
          at: '2026-03-03T15:30:00.000Z',
          intraTrade: false,
          equity: first.line,
          limit: first.line,
        },
      });
    },
  );

  // [firm, program, day-1 gain (points of 1 NQ), lock: where the end-of-day trail stops]
  const LOCKS: [string, string, number, number][] = [
    ['APEX', 'EOD Trailing', 135, 50100], // 2,500 trail, start + 100 (firm-rules.md: Apex 4.0)
    ['TRADEIFY', 'Select Evaluation', 120, 50100], // 2,000 trail, start + 100 (Tradeify Select)
    ['ALPHA', 'Standard Evaluation', 120, 50000], // 2,000 trail, at the starting balance (Alpha)
  ];
  it.each(LOCKS)(
    '%s %s: the end-of-day trail locks at its level, at the day end only',
    async (firm, name, gain, lock) => {
      const id = programOf(firm, 50000, name).id;
      const day = (d: number, h: number) => `2026-03-0${d}T${h}:00:00-05:00`;
      // day 3 closes at 50,000 + gain × 20, above start + trail (+ 100): the trail would pass the lock, it stops there
      const up = aTrade({ entry: day(3, 10), exit: day(3, 11), points: String(gain) });
      const eod = 50000 + gain * 20;
      const down = (points: number) =>
        aTrade({ entry: day(4, 10), exit: day(4, 11), points: String(points) });
      const room = (eod - lock - 5) / 20; // points from the day-3 close to 5 above the lock
      const near = (
        await simulator.replay({
          trades: [up, down(-room)],
          programs: { programIds: [id] },
          sizing: { mode: 'as_traded' },
          curve: true,
        })
      ).verdicts[0];
      expect(near).toMatchObject({ status: 'NOT_YET', failure: null });
      expect(near.closest.drawdown).toMatchObject({ room: 5, tradingDay: '2026-03-04' });
      // end of day, not intraday: on day 3 the floor is still the starting one; it moves (to the lock) on day 4
      const trail = firm === 'APEX' ? 2500 : 2000;
      expect(near.curve!.map((p) => p.floor)).toEqual([50000 - trail, lock]);
      const at = await replay(id, [up, down(-room - 0.25)]);
      expect(at).toMatchObject({
        status: 'FAILED',
        failure: { rule: 'MAX_LOSS_LIMIT', tradingDay: '2026-03-04', equity: lock, limit: lock },
      });
    },
  );

  it('a TradingView export: intraday trailing counts the run-up, then the worst open loss (drawdown column)', () => {
    // chart in Chicago time; 2 NQ long from 20,000, exit +10 points (+400): run-up 1,600 lifts the peak to 51,600
    // (floor 49,100), then the drawdown −2,000 takes equity to 48,000, below it; the exit alone never would
    const csv = [
      'Trade #,Type,Signal,Date/Time,Price USD,Contracts,Profit USD,Profit %,Cum. Profit USD,Cum. Profit %,Run-up USD,Run-up %,Drawdown USD,Drawdown %',
      '1,Exit Long,Close,2026-03-03 10:00,20010,2,400,0.8,400,0.8,1600,3.2,-2000,-4',
      '1,Entry Long,Long,2026-03-03 09:00,20000,2,400,0.8,400,0.8,1600,3.2,-2000,-4',
    ].join('\n');
    const trades = parseTradeFile({
      format: 'tradingview',
      text: csv,
      timeZone: 'America/Chicago',
      symbol: 'NQ1!',
    });
    expect(trades[0]).toMatchObject({ quantity: 2, entryAt: new Date('2026-03-03T15:00:00Z') });
    return Promise.all([
      simulator
        .replay({
          trades,
          programs: { programIds: [programOf('APEX', 50000, 'Intraday').id] },
          sizing: { mode: 'as_traded' },
        })
        .then(({ verdicts: [v] }) =>
          expect(v).toMatchObject({
            status: 'FAILED',
            failure: {
              rule: 'MAX_LOSS_LIMIT',
              intraTrade: true,
              at: '2026-03-03T16:00:00.000Z', // dated at the exit: the latest the worst point can have been
              equity: 48000,
              limit: 49100,
            },
          }),
        ),
      // the same export on Apex's end-of-day program: the floor stays at 47,500 all day, 48,000 is above it
      simulator
        .replay({
          trades,
          programs: { programIds: [programOf('APEX', 50000, 'EOD').id] },
          sizing: { mode: 'as_traded' },
        })
        .then(({ verdicts: [v] }) => {
          expect(v).toMatchObject({ status: 'NOT_YET', failure: null, profit: 400 });
          expect(v.closest.drawdown).toMatchObject({ room: 500 });
        }),
    ]);
  });
});
