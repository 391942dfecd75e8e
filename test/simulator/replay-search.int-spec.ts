import { aTrade, catalogueSimulator, programOf } from './support/catalogue-simulator';

/** More hand-computed replays: the lock at start + 100, consistency blocking a pass, the risk-% boundary. */
describe('ReplaySimulator: lock, consistency, risk search', () => {
  const { simulator } = catalogueSimulator();
  const day = (d: number, h = 10) =>
    `2026-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00-05:00`;
  const exit = (d: number, h = 10) =>
    `2026-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:30:00-05:00`;

  it('Apex intraday trailing locks at start + 100 once the peak reaches it', async () => {
    const apex = programOf('APEX', 50000, 'Intraday'); // 2,500 trail, lock at 50,100
    // +2,700 (peak 52,700 → the floor would be 50,200, locked at 50,100), then −2,550: 50,150 > 50,100
    const trades = [
      aTrade({ entry: day(3), exit: exit(3), points: '135' }),
      aTrade({ entry: day(4), exit: exit(4), points: '-127.5' }),
    ];
    const r = await simulator.replay({
      trades,
      programs: { programIds: [apex.id] },
      sizing: { mode: 'as_traded' },
      curve: true,
    });
    const v = r.verdicts[0];
    expect(v.status).toBe('NOT_YET');
    expect(v.curve!.map((p) => p.floor)).toEqual([50100, 50100]);
    expect(v.closest.drawdown!.room).toBe(50);
    // one more point down (−2,570 in all) and the locked floor is breached
    const worse = [trades[0], aTrade({ entry: day(4), exit: exit(4), points: '-130' })];
    const f = await simulator.replay({
      trades: worse,
      programs: { programIds: [apex.id] },
      sizing: { mode: 'as_traded' },
    });
    expect(f.verdicts[0].failure).toMatchObject({ rule: 'MAX_LOSS_LIMIT', limit: 50100, equity: 50100 });
  });

  it('consistency blocks a pass: the target is reached but the best day is over the share', async () => {
    const mffu = programOf('MFFU', 50000); // target 3,000, consistency 50 % of the profit in evaluation
    const trades = [
      aTrade({ entry: day(3), exit: exit(3), points: '100' }), // +2,000
      aTrade({ entry: day(4), exit: exit(4), points: '55' }), // +1,100: 3,100 ≥ target, best day 2,000 > 1,550
    ];
    const r = await simulator.replay({
      trades,
      programs: { programIds: [mffu.id] },
      sizing: { mode: 'as_traded' },
    });
    const v = r.verdicts[0];
    expect(v.status).toBe('NOT_YET');
    expect(v.consistency).toMatchObject({ ratio: 0.6452, maxDayFraction: 0.5, blockedPassDays: 1 });
    expect(v.notYet.join(' ')).toContain('consistency');
    const more = [...trades, aTrade({ entry: day(5), exit: exit(5), points: '45' })]; // +900: 4,000, 2,000 ≤ 2,000
    const p = await simulator.replay({
      trades: more,
      programs: { programIds: [mffu.id] },
      sizing: { mode: 'as_traded' },
    });
    expect(p.verdicts[0]).toMatchObject({ status: 'PASSED', passedOn: '2026-03-05' });
  });

  it('the risk-% search returns the boundary: 2 % passes, 4 % fails the daily loss', async () => {
    const ftmo = programOf('FTMO', 10000); // static 1,000, daily 500 (hard), target 1,000, 4 days
    // per contract (NQ, stop 10 points = 200, so 2 % of 10,000 = 1 contract, 4 % = 2): +300, −260, +300 ×4
    const pts = ['15', '-13', '15', '15', '15', '15'];
    const days = [2, 3, 4, 5, 6, 9]; // Monday 2026-03-02 to Monday 2026-03-09, weekdays
    const trades = pts.map((p, i) =>
      aTrade({ entry: day(days[i], 4), exit: exit(days[i], 4), points: p, stopPoints: '10' }),
    );
    const r = await simulator.replay({
      trades,
      programs: { programIds: [ftmo.id] },
      sizing: { mode: 'as_traded' },
      search: { step: '0.02', max: '0.2' },
    });
    // 1 contract: 300 − 260 + 300 + 300 + 300 = 940 after 5 days (below the target), +300 → 1,240 on 2026-03-09:
    // PASSED; 2 contracts: the −520 day is over the 500 daily loss: FAILED
    expect(r.search![0]).toMatchObject({
      highestPassing: 0.02,
      nextStep: { riskPercent: 0.04, status: 'FAILED', rule: 'DAILY_LOSS_LIMIT' },
      note: null,
    });
    const at2 = await simulator.replay({
      trades,
      programs: { programIds: [ftmo.id] },
      sizing: { mode: 'risk', riskPercent: '0.02' },
    });
    expect(at2.verdicts[0]).toMatchObject({ status: 'PASSED', passedOn: '2026-03-09', profit: 1240 });
  });

  it('the risk-% search returns the boundary: its step passes, one step more fails', async () => {
    const ftmo = programOf('FTMO', 10000); // static 1,000, daily 500, target 1,000, 4 days
    // per contract (NQ, stop 10 points = 200): days of +15, +15, +15, −20 then +15 points
    const pts = ['15', '15', '15', '-20', '15'];
    const trades = pts.map((p, i) =>
      aTrade({ entry: day(3 + i, 4), exit: exit(3 + i, 4), points: p, stopPoints: '10' }),
    );
    const r = await simulator.replay({
      trades,
      programs: { programIds: [ftmo.id] },
      sizing: { mode: 'as_traded' },
      search: { step: '0.02', max: '0.2' },
    });
    const s = r.search![0];
    // risk 0.02 × 10,000 = 200 → 1 NQ: +300 ×3 −400 +300 = 800, NOT_YET; 0.04 → 2: −800 day breaches the 500 daily
    expect(s.highestPassing).toBeNull();
    expect(s.nextStep).toMatchObject({ riskPercent: 0.04, status: 'FAILED', rule: 'DAILY_LOSS_LIMIT' });
    expect(s.note).toContain('NOT_YET');
    // a smaller losing day: 2 contracts (4 %) pass on day 4 (+1,400, 4 days); 6 % is above the program's max
    // risk (the 5 % sizing cap): sizing refuses every trade, which ends the search
    const ok = ['15', '15', '15', '-10', '15'].map((p, i) =>
      aTrade({ entry: day(3 + i, 4), exit: exit(3 + i, 4), points: p, stopPoints: '10' }),
    );
    const r2 = await simulator.replay({
      trades: [...ok, aTrade({ entry: day(10, 4), exit: exit(10, 4), points: '10', stopPoints: '10' })],
      programs: { programIds: [ftmo.id] },
      sizing: { mode: 'as_traded' },
      search: { step: '0.02', max: '0.2' },
    });
    expect(r2.search![0]).toMatchObject({
      highestPassing: 0.04,
      nextStep: { riskPercent: 0.06, rule: 'MAX_RISK_PERCENT' },
    });
  });
});
