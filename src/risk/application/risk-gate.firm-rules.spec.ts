import { cataloguePrograms } from '../../../test/risk/support/catalogue';
import {
  catalogueEntry as entry,
  catalogueGate as setup,
  catalogueState as stateOf,
  ruleOf,
} from '../../../test/risk/support/catalogue-gate';
import { d } from '../../../test/risk/support/risk.mother';

/** Per-firm scenarios on the shipped catalogue (catalog/prop-firms.json): its typed rules, as the gate applies them. */
const programs = cataloguePrograms;
const programId = (firm: string, name: string, size: number) => {
  const p = programs.find((x) => x.firmCode === firm && x.name.startsWith(name) && x.accountSize === size);
  if (!p) throw new Error(`no ${firm} ${name} ${size} in the catalogue`);
  return p.id;
};

describe('firm rules from the catalogue, through the gate', () => {
  describe('a trailing drawdown that locks at start + $100 (Apex 4.0, Tradeify Select, FundedNext Bolt)', () => {
    it('Apex 50K intraday: 52,600 peak locks the floor at 50,100; at 50,050 the account has failed', async () => {
      const id = programId('APEX', 'Apex 4.0 Evaluation - Intraday', 50000);
      const s = setup('2026-03-09T16:00:00Z');
      const at = (balance: string) =>
        stateOf('APEX', id, {
          balance: d(balance),
          highWaterMarkIntraday: d(52600),
          tradingDay: '2026-03-09',
        });
      for (const [balance, rule] of [
        ['50050', 'MAX_LOSS_LIMIT'],
        ['50099.99', 'MAX_LOSS_LIMIT'],
        ['50100', 'MAX_LOSS_LIMIT'],
        ['50100.01', null],
      ] as const) {
        s.states.put(at(balance));
        expect([balance, await ruleOf(s, entry('APEX', id))]).toEqual([balance, rule]);
      }
    });

    it('Apex 50K end of day, Tradeify Select, FundedNext Bolt: the same lock on the end-of-day mark', async () => {
      const s = setup('2026-03-09T16:00:00Z');
      for (const [firm, name, trail] of [
        ['APEX', 'Apex 4.0 Evaluation - EOD', 2500],
        ['TRADEIFY', 'Select', 2000],
        ['FUNDEDNEXT', 'Bolt', 2000],
      ] as const) {
        const id = programId(firm, name, 50000);
        const peak = d(50100 + trail + 500); // well past the lock
        const at = (balance: string) =>
          stateOf(firm, id, { balance: d(balance), highWaterMarkEod: peak, tradingDay: '2026-03-09' });
        s.states.put(at('50100'));
        expect([firm, await ruleOf(s, entry(firm, id))]).toEqual([firm, 'MAX_LOSS_LIMIT']);
        s.states.put(at('50100.01'));
        expect([firm, await ruleOf(s, entry(firm, id))]).toEqual([firm, null]);
        // a 0.01 stop-out from 50,100.01 reaches the floor: denied; from 50,100.02 it stays a cent above
        const cent = entry(firm, id, { symbol: 'MNQ1!', entryPrice: 100, stopLoss: 99.995 }); // 0.005 × 2
        expect(await ruleOf(s, cent)).toBe('MAX_LOSS_LIMIT');
        s.states.put(at('50100.02'));
        expect(await ruleOf(s, cent)).toBeNull();
      }
    });
  });

  describe('Topstep 50K: the maximum loss trails the end-of-day balance, never an intraday peak', () => {
    const id = programId('TOPSTEP', 'Trading Combine', 50000);
    // best close 51,500 → floor 49,500; an intraday peak of 53,000 (given back before the close) does not move it
    const at = (balance: string) =>
      stateOf('TOPSTEP', id, {
        balance: d(balance),
        startOfDayBalance: d(balance),
        highWaterMarkEod: d(51500),
        highWaterMarkIntraday: d(53000),
        tradingDay: '2026-03-09',
      });

    it('one cent above, at and one cent below the 49,500 floor', async () => {
      const s = setup('2026-03-09T16:00:00Z');
      for (const [balance, rule] of [
        ['49500.01', null],
        ['49500', 'MAX_LOSS_LIMIT'],
        ['49499.99', 'MAX_LOSS_LIMIT'],
      ] as const) {
        s.states.put(at(balance));
        expect([balance, await ruleOf(s, entry('TOPSTEP', id))]).toEqual([balance, rule]);
      }
    });

    it('a computed 5-lot with 800 above the floor is sized down to 3 (4 × 200 would reach it)', async () => {
      const s = setup('2026-03-09T16:00:00Z');
      s.states.put(at('50300'));
      const [result] = await s.gate.check([
        entry('TOPSTEP', id, {
          quantity: 5,
          entryPrice: 21500,
          stopLoss: 21490,
          sizeToFit: { minQuantity: 1 },
        }),
      ]);
      expect(result).toMatchObject({
        status: 'APPROVED',
        rule: 'MAX_LOSS_LIMIT',
        approved_quantity: 3,
        details: { capped_from: 5, worst_case: 600 },
      });
    });
  });

  describe("FTMO's day ends at midnight Prague", () => {
    const id = programId('FTMO', 'FTMO Challenge 2-Step', 100000);
    const lost = stateOf('FTMO', id, {
      balance: d(95100),
      startOfDayBalance: d(100000),
      realizedPnlToday: d(-4900),
      tradingDay: '2026-03-09',
    });
    const risk4000 = entry('FTMO', id, { entryPrice: 21500, stopLoss: 21300 }); // 200 × 20

    it('at 17:30 New York (22:30 Prague) an account with −4,900 on its day is not fresh', async () => {
      const s = setup('2026-03-09T21:30:00Z'); // 17:30 EDT, 22:30 CET: the New York day has ended, Prague's not
      s.states.put(lost);
      const [result] = await s.gate.check([risk4000]);
      expect(result).toMatchObject({ status: 'REJECTED', rule: 'DAILY_LOSS_LIMIT' });
      expect(result.details).toMatchObject({ trading_day: '2026-03-09', headroom: 100, worst_case: 4000 });
    });

    it('after midnight Prague the day is fresh', async () => {
      const s = setup('2026-03-09T23:00:00Z'); // 00:00 CET, March 10
      s.states.put(lost);
      expect(await ruleOf(s, risk4000)).toBeNull();
    });
  });

  describe("AquaFutures' day ends at 21:00 UTC (16:00 New York in winter); its daily loss is 2.5 % of the prior EOD", () => {
    const id = programId('AQUA', 'Beginner Evaluation', 50000);
    const down = stateOf('AQUA', id, {
      balance: d(48800),
      startOfDayBalance: d(50000),
      realizedPnlToday: d(-1200),
      tradingDay: '2026-01-12',
    });
    const risk100 = entry('AQUA', id, { symbol: 'MNQ1!', entryPrice: 21500, stopLoss: 21450 }); // 50 × 2

    it('one minute before 21:00 UTC the day still counts: 50 left of 1,250, a 100 risk is denied', async () => {
      const s = setup('2026-01-12T20:59:00Z');
      s.states.put(down);
      expect(await ruleOf(s, risk100)).toBe('DAILY_LOSS_LIMIT');
    });

    it('at 21:30 UTC (16:30 New York, before its 17:00) the Aqua day has turned: approved', async () => {
      const s = setup('2026-01-12T21:30:00Z');
      s.states.put(down);
      expect(await ruleOf(s, risk100)).toBeNull();
    });
  });

  describe("Top One's daily loss: 2.5 % of the prior end-of-day balance", () => {
    const id = programId('TOPONE', 'Elite Challenge', 50000);
    // prior EOD balance 52,000 → limit 1,300 (not the 1,250 of a 50,000 start)
    const day = (realized: string) =>
      stateOf('TOPONE', id, {
        balance: d(52000).plus(d(realized)),
        startOfDayBalance: d(52000),
        highWaterMarkEod: d(52000),
        realizedPnlToday: d(realized),
        tradingDay: '2026-03-09',
      });

    it('one cent inside, at and one cent over the limit', async () => {
      const s = setup('2026-03-09T16:00:00Z');
      for (const [realized, rule] of [
        ['-1299.99', null],
        ['-1300', 'DAILY_LOSS_LIMIT'],
        ['-1300.01', 'DAILY_LOSS_LIMIT'],
      ] as const) {
        s.states.put(day(realized));
        expect([realized, await ruleOf(s, entry('TOPONE', id))]).toEqual([realized, rule]);
      }
    });

    it("an entry's worst case counts against the percentage's room", async () => {
      const s = setup('2026-03-09T16:00:00Z');
      s.states.put(day('-1000'));
      const risk = (stop: number) =>
        entry('TOPONE', id, { symbol: 'ES1!', entryPrice: 5000, stopLoss: stop });
      expect(await ruleOf(s, risk(4994.0002))).toBeNull(); // 299.99
      const [at] = await s.gate.check([risk(4994)]); // 300.00
      expect(at.rule).toBe('DAILY_LOSS_LIMIT');
      expect(at.details).toMatchObject({
        limit: 1300,
        limit_percent_of_prior_eod: 2.5,
        prior_eod_balance: 52000,
      });
    });
  });

  describe("FundingTicks' per-trade loss: 2 % of the account (500 on 25K)", () => {
    const id = programId('FUNDINGTICKS', 'Pro+ Evaluation', 25000);
    const es = (stop: number) =>
      entry('FUNDINGTICKS', id, { symbol: 'ES1!', entryPrice: 5000, stopLoss: stop });

    it('one cent inside, at and one cent over', async () => {
      const s = setup('2026-03-09T16:00:00Z');
      expect(await ruleOf(s, es(4990.0002))).toBeNull(); // 499.99
      expect(await ruleOf(s, es(4990))).toBeNull(); // 500.00
      expect(await ruleOf(s, es(4989.9998))).toBe('PER_TRADE_LOSS_LIMIT'); // 500.01
    });

    it('an entry whose loss is unbounded (no stop) is denied', async () => {
      const s = setup('2026-03-09T16:00:00Z');
      expect(await ruleOf(s, entry('FUNDINGTICKS', id))).toBe('PER_TRADE_LOSS_LIMIT');
    });

    it("values a contract with the program's {FIRM}_{ID}_POINT_VALUE, as sizing does", async () => {
      const s = setup('2026-03-09T16:00:00Z', { [`FUNDINGTICKS_${id}_POINT_VALUE`]: '50' });
      const xyz = (stop: number) =>
        entry('FUNDINGTICKS', id, { symbol: 'XYZ', entryPrice: 100, stopLoss: stop });
      expect(await ruleOf(s, xyz(90))).toBeNull(); // 10 × 50 = 500
      const [over] = await s.gate.check([xyz(89.9998)]); // 500.01
      expect(over).toMatchObject({ rule: 'PER_TRADE_LOSS_LIMIT', details: { worst_case: 500.01 } });
      // size to fit values each contract the same way: 2 computed at 300 each (6 × 50) fit as 1 within 500
      const [fitted] = await s.gate.check([{ ...xyz(94), quantity: 2, sizeToFit: { minQuantity: 1 } }]);
      expect(fitted).toMatchObject({
        status: 'APPROVED',
        rule: 'PER_TRADE_LOSS_LIMIT',
        approved_quantity: 1,
        details: { per_contract_worst_case: 300, worst_case: 300 },
      });
    });
  });

  describe('micros at 10:1 against max contracts (Topstep 50K: 5 minis = 50 micros)', () => {
    const id = programId('TOPSTEP', 'Trading Combine', 50000);
    const mnq = (quantity: number) => entry('TOPSTEP', id, { symbol: 'MNQ1!', quantity });

    it('from flat: 50 micros fit, 51 do not', async () => {
      const s = setup('2026-03-09T16:00:00Z');
      expect(await ruleOf(s, mnq(50))).toBeNull();
      expect(await ruleOf(s, mnq(51))).toBe('MAX_POSITION_SIZE');
    });

    it('with 4 minis open: 10 micros fit (= 5 minis), 11 do not; a 6th mini does not', async () => {
      const s = setup('2026-03-09T16:00:00Z');
      s.states.put(
        stateOf('TOPSTEP', id, {
          openContracts: 4,
          positionSymbol: 'NQ',
          avgPrice: d(21500),
          positions: [{ symbol: 'NQ', netQuantity: 4, avgPrice: d(21500) }],
          tradingDay: '2026-03-09',
        }),
      );
      expect(await ruleOf(s, mnq(10))).toBeNull();
      expect(await ruleOf(s, mnq(11))).toBe('MAX_POSITION_SIZE');
      expect(await ruleOf(s, entry('TOPSTEP', id, { quantity: 2 }))).toBe('MAX_POSITION_SIZE');
      expect(await ruleOf(s, entry('TOPSTEP', id, { quantity: 1 }))).toBeNull();
    });
  });
});
