import Decimal from 'decimal.js';
import type { ProgramRecord } from '../../src/registry/application/ports/program-catalog.port';
import { cataloguePrograms } from '../risk/support/catalogue';
import { aTrade, catalogueSimulator, programOf } from './support/catalogue-simulator';

/**
 * Hand-computed re-sized replays: the size follows the account as it grows and shrinks (sizing's scaling ladder
 * by the account's profit when the trade is entered; the gate's contract tier by the prior end-of-day balance),
 * and the live gate's size to fit caps a computed quantity whose stop-out would cross the daily-loss room, one
 * cent inside, at and over it, while a trader's own quantity is validated, never changed.
 */
describe('ReplaySimulator: sizing as the account grows, size to fit', () => {
  const day = (d: number, h = 10, m = 0) =>
    `2026-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00-05:00`;
  const trade = (d: number, points: string, o: { h?: number; quantity?: number; stop?: string } = {}) =>
    aTrade({
      ref: `${d}@${o.h ?? 10}`,
      entry: day(d, o.h ?? 10),
      exit: day(d, o.h ?? 10, 30),
      points,
      quantity: o.quantity,
      stopPoints: o.stop,
    });
  // 2 % of 50,000 = 1,000 at 10 NQ points ($200 a contract): sizing asks for 5 contracts
  const risk2 = { mode: 'risk' as const, riskPercent: '0.02', stopPoints: '10' };

  it('Topstep XFA 50K: the contract tier follows the prior end-of-day balance, up and down', async () => {
    const { simulator } = catalogueSimulator();
    // tiers 2 (from 0), 3 (from 1,500), 5 (from 2,000) by the prior end-of-day profit; max 5; no daily loss
    const xfa = programOf('TOPSTEP', 50000, 'Express Funded');
    const trades = [
      trade(3, '40'), // prior EOD 0 → tier 2: 5 capped to 2, +1,600
      trade(3, '5', { h: 11 }), // still tier 2 (the day's start counts): 2, +200 → 1,800 at the close
      trade(4, '20'), // prior EOD 1,800 → tier 3: 3, +1,200 → 3,000
      trade(5, '-10'), // prior EOD 3,000 → tier 5: 5, −1,000 → 2,000
      trade(6, '-5'), // prior EOD 2,000, the tier's threshold exactly → 5: −500 → 1,500
      trade(9, '1'), // prior EOD 1,500 → tier 3 again: 3, +60 → 1,560
    ];
    const r = await simulator.replay({
      trades,
      programs: { programIds: [xfa.id] },
      sizing: risk2,
      curve: true,
    });
    const v = r.verdicts[0];
    expect(v.curve!.map((p) => p.equity)).toEqual([51600, 51800, 53000, 52000, 51500, 51560]);
    expect(v.capped).toEqual({
      count: 4,
      byRule: { MAX_POSITION_SIZE: 4 },
      first: [
        { trade: '3@10', at: '2026-03-03T15:00:00.000Z', from: 5, to: 2, rule: 'MAX_POSITION_SIZE' },
        { trade: '3@11', at: '2026-03-03T16:00:00.000Z', from: 5, to: 2, rule: 'MAX_POSITION_SIZE' },
        { trade: '4@10', at: '2026-03-04T15:00:00.000Z', from: 5, to: 3, rule: 'MAX_POSITION_SIZE' },
        { trade: '9@10', at: '2026-03-09T15:00:00.000Z', from: 5, to: 3, rule: 'MAX_POSITION_SIZE' },
      ],
    });
    expect(v.sizing).toMatchObject({ minQuantity: 2, maxQuantity: 5 });
    expect(v.skipped.count).toBe(0);
    // the units path (no curve) agrees
    const fast = await simulator.replay({ trades, programs: { programIds: [xfa.id] }, sizing: risk2 });
    expect(fast.verdicts[0]).toEqual({ ...v, curve: null });
  });

  it('a scaling ladder: sizing reads the account profit when each trade is entered', async () => {
    const xfa = programOf('TOPSTEP', 50000, 'Express Funded');
    // the same ladder as sizing's own (by the profit now), without the gate's end-of-day tiers
    const laddered: ProgramRecord = {
      ...xfa,
      id: 990_001,
      name: 'XFA with a sizing ladder',
      scalingLadder: [
        { min_profit: 0, max_contracts: 2 },
        { min_profit: 1500, max_contracts: 3 },
        { min_profit: 2000, max_contracts: 5 },
      ],
      rules: { ...xfa.rules, scaling: null },
    };
    const { simulator } = catalogueSimulator({ programs: [...cataloguePrograms, laddered] });
    const trades = [
      trade(3, '40'), // profit 0 → 2: +1,600
      trade(3, '10', { h: 11 }), // profit 1,600 ≥ 1,500, the same day → 3: +600 → 2,200
      trade(3, '-20', { h: 12 }), // profit 2,200 ≥ 2,000 → 5: −2,000 → 200
      trade(4, '10'), // profit 200 → 2 again: +400 → 600
    ];
    const r = await simulator.replay({
      trades,
      programs: { programIds: [laddered.id] },
      sizing: risk2,
      curve: true,
    });
    const v = r.verdicts[0];
    expect(v.curve!.map((p) => p.equity)).toEqual([51600, 52200, 50200, 50600]);
    // sizing capped them, not the gate
    expect(v.capped).toEqual({ count: 0, byRule: {}, first: [] });
    const fast = await simulator.replay({ trades, programs: { programIds: [laddered.id] }, sizing: risk2 });
    expect(fast.verdicts[0]).toEqual({ ...v, curve: null });
  });

  describe('size to fit the daily-loss room (FundedNext Legacy 50K: hard daily loss 1,200, no drawdown)', () => {
    const { simulator } = catalogueSimulator();
    const legacy = programOf('FUNDEDNEXT', 50000, 'Legacy');
    // a first trade of 5 contracts loses `loss` within its stop; the second asks for 5 ($1,000 of stop-out)
    const afterLoss = (loss: string) => [
      trade(3, new Decimal(loss).div(-100).toString()), // 5 × points × 20 = −loss
      trade(3, '1', { h: 11 }),
    ];
    const run = async (loss: string) =>
      (
        await simulator.replay({
          trades: afterLoss(loss),
          programs: { programIds: [legacy.id] },
          sizing: risk2,
        })
      ).verdicts[0];

    it.each([
      // room 400.01: 2 × 200 = 400 stays inside it
      ['799.99', 2, -759.99],
      // room 400.00: a stop-out of 400 would reach the line, which is a breach: 1
      ['800.00', 1, -780],
      // room 399.99: 1
      ['800.01', 1, -780.01],
    ])('after a loss of %s the second trade is sized down to %i', async (loss, to, profit) => {
      const v = await run(loss);
      expect(v.capped).toEqual({
        count: 1,
        byRule: { DAILY_LOSS_LIMIT: 1 },
        first: [{ trade: '3@11', at: '2026-03-03T16:00:00.000Z', from: 5, to, rule: 'DAILY_LOSS_LIMIT' }],
      });
      expect(v).toMatchObject({ status: 'NOT_YET', failure: null, profit, tradesReplayed: 2 });
    });

    it('one contract that does not fit is refused (room 200.00), one that fits is taken (200.01)', async () => {
      const refused = await run('1000.00');
      expect(refused.capped!.count).toBe(0);
      expect(refused.skipped).toMatchObject({ count: 1, byRule: { DAILY_LOSS_LIMIT: 1 } });
      expect(refused.skipped.first[0].reason).toContain('sized to fit, 0 contract(s) would fit');
      const taken = await run('999.99');
      expect(taken.capped!.first[0]).toMatchObject({ from: 5, to: 1 });
      expect(taken.profit).toBe(-979.99);
    });

    it("as traded, the trader's quantity is validated, never changed", async () => {
      const asTraded = (q: number) => [
        trade(3, '-7.9999', { quantity: 5, stop: '10' }), // −799.99: room 400.01
        trade(3, '1', { h: 11, quantity: q, stop: '10' }),
      ];
      const five = await simulator.replay({
        trades: asTraded(5),
        programs: { programIds: [legacy.id] },
        sizing: { mode: 'as_traded' },
      });
      // 5 × 200 = 1,000 ≥ 400.01: refused, not sized down
      expect(five.verdicts[0]).toMatchObject({
        capped: null,
        tradesReplayed: 1,
        skipped: { count: 1, byRule: { DAILY_LOSS_LIMIT: 1 } },
      });
      const two = await simulator.replay({
        trades: asTraded(2),
        programs: { programIds: [legacy.id] },
        sizing: { mode: 'as_traded' },
      });
      expect(two.verdicts[0]).toMatchObject({ capped: null, tradesReplayed: 2, profit: -759.99 });
    });
  });
});
