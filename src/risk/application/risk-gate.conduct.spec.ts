import Decimal from 'decimal.js';
import { cataloguePrograms } from '../../../test/risk/support/catalogue';
import {
  catalogueEntry,
  catalogueGate,
  catalogueState,
  ruleOf,
} from '../../../test/risk/support/catalogue-gate';
import { d } from '../../../test/risk/support/risk.mother';
import type { ProgramRecord } from '../../registry/application/ports/program-catalog.port';

/**
 * The conduct rules of the shipped catalogue (catalog/prop-firms.json) through the gate, derived from its own
 * `meta.rules`: every program whose consistency rule rejects entries, one cent under and at its cap on a
 * first trading day; every program with a news blackout, at a high-impact release.
 */
const NOW = '2026-03-06T13:30:00Z'; // a Friday release, 08:30 in New York
const DAY = '2026-03-06';
const nameOf = (p: ProgramRecord) => `${p.firmCode} ${p.name} ${p.accountSize}`;
const capped = cataloguePrograms.filter((p) => p.rules.consistency?.action === 'reject_entries');
const payoutOnly = cataloguePrograms.filter((p) => p.rules.consistency?.action === 'payout_only');
const blackedOut = cataloguePrograms.filter((p) => p.rules.news !== null);

function withProfit(p: ProgramRecord, today: Decimal) {
  const s = catalogueGate(NOW);
  s.states.put(
    catalogueState(p.firmCode, p.id, {
      balance: d(p.accountSize).plus(today),
      startOfDayBalance: d(p.accountSize),
      highWaterMarkEod: d(p.accountSize),
      highWaterMarkIntraday: d(p.accountSize).plus(today),
      realizedPnlToday: today,
      tradingDay: DAY,
    }),
  );
  return s;
}

describe('the catalogue’s consistency caps and news blackouts at the gate', () => {
  it('states them where the reference does', () => {
    expect(capped.length).toBeGreaterThanOrEqual(20);
    expect(payoutOnly.map((p) => p.firmCode).sort()).toEqual(['APEX', 'APEX', 'TRADEIFY']);
    expect(blackedOut.map(nameOf)).toEqual([
      'ALPHA Standard Evaluation 50000',
      'ALPHA Standard Evaluation 100000',
      'ALPHA Standard Evaluation 150000',
    ]);
  });

  it.each(capped.map((p) => [nameOf(p), p] as const))(
    '%s: an evaluation entry one cent under the cap passes, at the cap it is refused CONSISTENCY',
    async (_, p) => {
      const c = p.rules.consistency!;
      // a first trading day: no profit before today, so the cap is the fraction of the target on both bases
      const cap = d(p.profitTarget!).times(c.maxDayFraction);
      // a 1-lot ES entry 1 point from its stop (50): inside every per-trade and loss limit of the catalogue
      const entry = catalogueEntry(p.firmCode, p.id, {
        phase: 'evaluation',
        symbol: 'ES1!',
        entryPrice: 5000,
        stopLoss: 4999,
      });
      expect(await ruleOf(withProfit(p, cap.minus('0.01')), entry)).toBeNull();
      expect(await ruleOf(withProfit(p, cap), entry)).toBe('CONSISTENCY');
      expect(await ruleOf(withProfit(p, cap), { ...entry, phase: 'funded' })).toBeNull();
      expect(await ruleOf(withProfit(p, cap), { ...entry, eventType: 'exit' })).toBeNull();
    },
  );

  it.each(payoutOnly.map((p) => [nameOf(p), p] as const))(
    '%s: a payout-only consistency rule checks nothing before the trade',
    async (_, p) => {
      const entry = catalogueEntry(p.firmCode, p.id, { phase: 'funded' });
      expect(await ruleOf(withProfit(p, d(100_000)), entry)).toBeNull();
    },
  );

  it.each(blackedOut.map((p) => [nameOf(p), p] as const))(
    '%s: a funded account is refused NEWS_BLACKOUT at a high-impact release, an evaluation one is not',
    async (_, p) => {
      const s = catalogueGate(NOW);
      s.calendar.events = [{ at: new Date(NOW), title: 'NFP', currency: 'USD', impact: 'high' }];
      const entry = catalogueEntry(p.firmCode, p.id, { phase: 'funded' });
      expect(await ruleOf(s, entry)).toBe('NEWS_BLACKOUT');
      expect(await ruleOf(s, { ...entry, phase: 'evaluation' })).toBeNull();
      s.calendar.events = [{ at: new Date(NOW), title: 'PMI', currency: 'USD', impact: 'medium' }];
      expect(await ruleOf(s, entry)).toBeNull();
    },
  );

  it('Topstep allows news trading: the same release refuses nothing', async () => {
    const topstep = cataloguePrograms.find((p) => p.firmCode === 'TOPSTEP')!;
    const s = catalogueGate(NOW);
    s.calendar.events = [{ at: new Date(NOW), title: 'NFP', currency: 'USD', impact: 'high' }];
    expect(await ruleOf(s, catalogueEntry('TOPSTEP', topstep.id, { phase: 'funded' }))).toBeNull();
  });
});
