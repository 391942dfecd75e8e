import Decimal from 'decimal.js';
import { DateTime } from 'luxon';
import { catalogueFirms, cataloguePrograms } from '../../../test/risk/support/catalogue';
import {
  catalogueEntry,
  catalogueGate,
  catalogueState,
  CatalogueGate,
} from '../../../test/risk/support/catalogue-gate';
import { d } from '../../../test/risk/support/risk.mother';
import type { ProgramRecord } from '../../registry/application/ports/program-catalog.port';
import type { AccountState } from '../domain/account-state';
import { firmTradingDayPolicy, tradingDayOf } from '../domain/trading-day';
import type { RiskCheckRequest } from './ports/risk-gate.port';

/**
 * Every program of the shipped catalogue (catalog/prop-firms.json) with typed rules, at each rule's boundary,
 * through the gate: the expectations are derived from the catalogue's own `meta.rules`, so a change to the
 * catalogue is tested as it ships. A 1-lot ES (50 a point) entry 2 points from its stop risks exactly 100.
 */
const NOW = '2026-03-09T16:00:00Z'; // Monday noon in New York: trading day 2026-03-09 at every firm
const DAY = '2026-03-09';
const typed = cataloguePrograms.filter(
  (p) => p.rules.drawdown || p.rules.dailyLoss || p.rules.perTradeLoss || p.rules.microRatio,
);
const nameOf = (p: ProgramRecord) => `${p.firmCode} ${p.name} ${p.accountSize}`;

/** ES entries risking `perContract` each (stop = 5000 − perContract / 50), `quantity` contracts. */
const es = (p: ProgramRecord, perContract: Decimal, quantity = 1, o: Partial<RiskCheckRequest> = {}) =>
  catalogueEntry(p.firmCode, p.id, {
    symbol: 'ES1!',
    quantity,
    entryPrice: 5000,
    stopLoss: d(5000).minus(perContract.div(50)).toNumber(),
    ...o,
  });
const FIT = { sizeToFit: { minQuantity: 1 } };

async function check(s: CatalogueGate, r: RiskCheckRequest) {
  const [result] = await s.gate.check([r]);
  return result;
}

/** The drawdown floor the catalogue states, after a peak well past any lock; the state `room` above it. */
function atFloor(p: ProgramRecord, room: Decimal): AccountState {
  const dd = p.rules.drawdown!;
  const start = d(p.accountSize);
  const lock = dd.lock.kind === 'at_start_plus' ? d(dd.lock.amount!) : d(0);
  const peak = dd.kind === 'static' ? start : start.plus(dd.amount).plus(lock).plus(1000);
  let floor = peak.minus(dd.amount);
  if (dd.kind === 'static') floor = start.minus(dd.amount);
  else if (dd.lock.kind !== 'none') floor = start.plus(lock);
  const balance = floor.plus(room);
  return catalogueState(p.firmCode, p.id, {
    balance,
    startOfDayBalance: balance,
    highWaterMarkEod: peak,
    highWaterMarkIntraday: peak,
    tradingDay: DAY,
  });
}

/** The daily limit the catalogue states, on a day that began at start + 3,000; the state `room` from it. */
function dailyLimit(p: ProgramRecord, startOfDay: Decimal): Decimal {
  const rule = p.rules.dailyLoss!;
  return rule.basis === 'amount' ? d(rule.amount!) : startOfDay.times(rule.fraction!);
}
function atDailyLimit(p: ProgramRecord, room: Decimal, tradingDay = DAY): AccountState {
  const startOfDay = d(p.accountSize).plus(3000);
  const realized = dailyLimit(p, startOfDay).minus(room).negated();
  return catalogueState(p.firmCode, p.id, {
    balance: startOfDay.plus(realized),
    startOfDayBalance: startOfDay,
    realizedPnlToday: realized,
    highWaterMarkEod: d(p.accountSize),
    highWaterMarkIntraday: d(p.accountSize),
    tradingDay,
  });
}

function perTradeLimit(p: ProgramRecord): Decimal {
  const rule = p.rules.perTradeLoss!;
  return rule.basis === 'amount' ? d(rule.amount!) : d(p.accountSize).times(rule.fraction!);
}

/** A loss room (daily, floor): a stop-out a cent inside passes, at or a cent over is denied; size to fit. */
async function lossRoomBoundary(
  s: CatalogueGate,
  p: ProgramRecord,
  rule: string,
  put: (room: Decimal) => void,
) {
  const outcomes: [string, string | null][] = [];
  for (const room of ['100.01', '100', '99.99']) {
    put(d(room));
    outcomes.push([room, (await check(s, es(p, d(100)))).rule]);
  }
  expect(outcomes).toEqual([
    ['100.01', null],
    ['100', rule],
    ['99.99', rule],
  ]);
  // size to fit: 2 computed contracts at 100 each; 200.01 left fits both, 200 or 150 fit one, 100 none
  put(d('200.01'));
  expect(await check(s, es(p, d(100), 2, FIT))).toMatchObject({ status: 'APPROVED', rule: null });
  for (const room of ['200', '150']) {
    put(d(room));
    expect([room, await check(s, es(p, d(100), 2, FIT))]).toMatchObject([
      room,
      { status: 'APPROVED', rule, approved_quantity: 1, details: { capped_from: 2 } },
    ]);
  }
  put(d(100));
  expect(await check(s, es(p, d(100), 2, FIT))).toMatchObject({
    status: 'REJECTED',
    rule,
    details: { largest_fitting_quantity: 0 },
  });
}

describe('every typed program of the catalogue, at its boundaries, through the gate', () => {
  it('covers the catalogue: every firm with typed rules has programs here', () => {
    expect(typed.length).toBeGreaterThan(30);
    const firms = new Set(typed.map((p) => p.firmCode));
    for (const f of ['APEX', 'TOPSTEP', 'FTMO', 'AQUA', 'TOPONE', 'FUNDINGTICKS', 'TRADEIFY', 'FUNDEDNEXT'])
      expect(firms).toContain(f);
  });

  const withDrawdown = typed.filter((p) => p.rules.drawdown).map((p) => [nameOf(p), p] as const);
  it.each(withDrawdown)('%s: the drawdown floor (lock included), and size to fit under it', async (_, p) => {
    const s = catalogueGate(NOW);
    await lossRoomBoundary(s, p, 'MAX_LOSS_LIMIT', (room) => s.states.put(atFloor(p, room)));
  });

  const withDaily = typed.filter((p) => p.rules.dailyLoss).map((p) => [nameOf(p), p] as const);
  it.each(withDaily)('%s: the daily loss limit (amount or % of prior EOD), and size to fit', async (_, p) => {
    const s = catalogueGate(NOW);
    await lossRoomBoundary(s, p, 'DAILY_LOSS_LIMIT', (room) => s.states.put(atDailyLimit(p, room)));
  });

  it.each(withDaily)(
    "%s: the day's loss counts to its last open minute, not after the firm's reset",
    async (_, p) => {
      const firm = catalogueFirms.find((f) => f.code === p.firmCode)!;
      const day = firm.tradingDay ?? { reset: '17:00', timeZone: 'America/New_York' };
      // Tuesday 10 March 2026: New York already on summer time, Prague not yet
      const at = (hhmm: string, zone: string) => {
        const [hour, minute] = hhmm.split(':').map(Number);
        return DateTime.fromObject({ year: 2026, month: 3, day: 10, hour, minute }, { zone });
      };
      const reset = at(day.reset, day.timeZone);
      // a firm that is flat by an earlier time takes its last entries of the day just before it
      const flatBy = firm.flatBy ? at(firm.flatBy.time, firm.flatBy.timeZone) : null;
      const lastOpen = (flatBy && flatBy < reset ? flatBy : reset).minus({ minutes: 1 }).toUTC();
      const policy = firmTradingDayPolicy(day, { rolloverMinute: 17 * 60, zone: 'America/New_York' });
      const dayOfLoss = tradingDayOf(lastOpen.toJSDate(), policy);
      const stateOf = () => atDailyLimit(p, d(50), dayOfLoss); // 50 left, the entry risks 100
      const late = catalogueGate(lastOpen.toISO()!);
      late.states.put(stateOf());
      expect((await check(late, es(p, d(100)))).rule).toBe('DAILY_LOSS_LIMIT');
      const fresh = catalogueGate(reset.toUTC().toISO()!);
      fresh.states.put(stateOf());
      expect((await check(fresh, es(p, d(100)))).rule).toBeNull();
    },
  );

  const withPerTrade = typed.filter((p) => p.rules.perTradeLoss).map((p) => [nameOf(p), p] as const);
  it.each(withPerTrade)(
    '%s: the per-trade loss limit may be reached, not passed; size to fit',
    async (_, p) => {
      const s = catalogueGate(NOW);
      const limit = perTradeLimit(p);
      expect((await check(s, es(p, limit.minus('0.01')))).rule).toBeNull();
      expect((await check(s, es(p, limit))).rule).toBeNull();
      expect((await check(s, es(p, limit.plus('0.01')))).rule).toBe('PER_TRADE_LOSS_LIMIT');
      expect((await check(s, es(p, limit.div(2), 2, FIT))).rule).toBeNull(); // two reach it exactly
      expect(await check(s, es(p, limit.div(2).plus('0.01'), 2, FIT))).toMatchObject({
        status: 'APPROVED',
        rule: 'PER_TRADE_LOSS_LIMIT',
        approved_quantity: 1,
      });
    },
  );

  const withMicros = typed
    .filter((p) => p.rules.microRatio && p.maxContracts)
    .map((p) => [nameOf(p), p] as const);
  it.each(withMicros)(
    '%s: micros count 1/ratio of a mini against max contracts; size to fit',
    async (_, p) => {
      const s = catalogueGate(NOW);
      const minis = limitAt(p, 0); // a fresh account: its first scaling tier, if any
      const micros = minis * p.rules.microRatio!;
      const mnq = (quantity: number, o: Partial<RiskCheckRequest> = {}) =>
        catalogueEntry(p.firmCode, p.id, {
          symbol: 'MNQ1!',
          quantity,
          entryPrice: 100,
          stopLoss: 99.75,
          ...o,
        });
      expect((await check(s, mnq(micros))).rule).toBeNull();
      expect((await check(s, mnq(micros + 1))).rule).toBe('MAX_POSITION_SIZE');
      expect((await check(s, mnq(minis, { symbol: 'NQ1!' }))).rule).toBeNull();
      expect((await check(s, mnq(minis + 1, { symbol: 'NQ1!' }))).rule).toBe('MAX_POSITION_SIZE');
      expect(await check(s, mnq(micros + 7, FIT))).toMatchObject({
        status: 'APPROVED',
        rule: 'MAX_POSITION_SIZE',
        approved_quantity: micros,
        details: { capped_from: micros + 7 },
      });
    },
  );

  const withScaling = typed.filter((p) => p.rules.scaling).map((p) => [nameOf(p), p] as const);
  it.each(withScaling)(
    '%s: each scaling tier from the day its end-of-day profit reached it',
    async (_, p) => {
      const s = catalogueGate(NOW);
      const startedAt = (profit: Decimal) => {
        const balance = d(p.accountSize).plus(profit);
        s.states.put(
          catalogueState(p.firmCode, p.id, {
            balance,
            startOfDayBalance: balance,
            highWaterMarkEod: balance,
            highWaterMarkIntraday: balance,
            tradingDay: DAY,
          }),
        );
      };
      const nq = (quantity: number, o: Partial<RiskCheckRequest> = {}) =>
        catalogueEntry(p.firmCode, p.id, { quantity, entryPrice: 100, stopLoss: 99.75, ...o });
      for (const tier of p.rules.scaling!.slice(1)) {
        const limit = limitAt(p, tier.min_profit);
        const below = limitAt(p, tier.min_profit - 0.01);
        startedAt(d(tier.min_profit).minus('0.01'));
        expect([tier.min_profit, '-0.01', (await check(s, nq(below + 1))).rule]).toEqual([
          tier.min_profit,
          '-0.01',
          'MAX_POSITION_SIZE',
        ]);
        startedAt(d(tier.min_profit));
        expect([tier.min_profit, (await check(s, nq(limit))).rule]).toEqual([tier.min_profit, null]);
        expect((await check(s, nq(limit + 1))).rule).toBe('MAX_POSITION_SIZE');
        expect(await check(s, nq(limit + 3, FIT))).toMatchObject({ approved_quantity: limit });
      }
    },
  );
});

/** The catalogue's contract limit for a day that started `profit` above the account size (first tier below all). */
function limitAt(p: ProgramRecord, profit: number): number {
  const tiers = p.rules.scaling ?? [];
  if (tiers.length === 0) return p.maxContracts!;
  const tier = [...tiers].reverse().find((t) => profit >= t.min_profit) ?? tiers[0];
  return Math.min(tier.max_contracts, p.maxContracts ?? Infinity);
}
