import Decimal from 'decimal.js';
import { cataloguePrograms } from '../../../test/risk/support/catalogue';
import type { EntryProbe } from './ports/rule-book.port';
import { RuleBookService } from './rule-book.service';

/**
 * RuleBook.gateEntry is the live gate's entry decision (evaluateWithFit) for a replayed account: FundedNext Legacy
 * 50K (hard daily loss 1,200), an NQ entry of 5 with a 10-point stop ($200 a contract) after a loss today.
 */
describe('RuleBookService.gateEntry', () => {
  const book = new RuleBookService({ rolloverMinute: 17 * 60, zone: 'America/New_York' });
  const legacy = cataloguePrograms.find(
    (p) => p.firmCode === 'FUNDEDNEXT' && p.name.includes('Legacy') && p.accountSize === 50000,
  )!;
  const program = book.limitsOf(legacy);
  const now = new Date('2026-03-03T15:00:00Z');
  const probe = (lostToday: string): EntryProbe => {
    const fresh = book.freshAccount(program, '2026-03-03', now);
    const pnl = new Decimal(lostToday).neg();
    return {
      program,
      state: { ...fresh, balance: fresh.balance.plus(pnl), realizedPnlToday: pnl },
      phase: 'evaluation',
      symbol: 'NQ',
      side: 'buy',
      quantity: 5,
      entryPrice: new Decimal(20000),
      stopLoss: new Decimal(19990),
      pointValue: new Decimal(20),
      micro: false,
      now,
      events: [],
    };
  };

  it.each([
    ['799.99', 2], // room 400.01: 2 × 200 stays inside
    ['800.00', 1], // room 400.00: reaching the line is a breach
    ['800.01', 1],
  ])('size to fit after a loss of %s: %i contract(s), capped by the daily loss', (lost, quantity) => {
    const d = book.gateEntry(probe(lost), { minQuantity: 1 });
    expect(d.denial).toBeNull();
    expect(d.fitted).toMatchObject({
      quantity,
      rule: 'DAILY_LOSS_LIMIT',
      details: { capped_from: 5, approved_quantity: quantity },
    });
  });

  it("without fit (the trader's quantity) the same entry is refused, never changed", () => {
    const d = book.gateEntry(probe('799.99'), null);
    expect(d.fitted).toBeNull();
    expect(d.denial).toMatchObject({ rule: 'DAILY_LOSS_LIMIT' });
  });

  it('below the minimum the fit refuses, naming the largest that would fit', () => {
    const d = book.gateEntry(probe('799.99'), { minQuantity: 3 });
    expect(d.fitted).toBeNull();
    expect(d.denial).toMatchObject({
      rule: 'DAILY_LOSS_LIMIT',
      details: { largest_fitting_quantity: 2, min_quantity: 3 },
    });
  });

  it('an entry that fits is taken as asked', () => {
    expect(book.gateEntry(probe('0'), { minQuantity: 1 })).toEqual({ denial: null, fitted: null });
  });
});
