import { anOrder } from '../../../../test/risk/support/risk.mother';
import type { TradingHalt } from '../trading-halt';
import { checkTradingHalt } from './trading-halt.rule';

const NOW = new Date('2026-03-09T15:00:00Z');
const halt = (id: number, firmCode: string | null, o: Partial<TradingHalt> = {}): TradingHalt => ({
  id,
  firmCode,
  accountId: null,
  reason: `halt ${id}`,
  createdBy: 'admin',
  createdAt: new Date('2026-03-09T14:00:00Z'),
  expiresAt: null,
  clearedBy: null,
  clearedAt: null,
  ...o,
});
const accountHalt = (id: number, accountId: number, o: Partial<TradingHalt> = {}) =>
  halt(id, 'APEX', { accountId, ...o });
const entryOf = (accountId: number | null, firmCode = 'APEX') => anOrder({ firmCode, accountId });

describe('rule 2: trading halt', () => {
  it('rejects an entry under a global halt, with who, when and why', () => {
    expect(checkTradingHalt(anOrder({ firmCode: 'APEX' }), [halt(7, null)], NOW)).toEqual({
      rule: 'TRADING_HALTED',
      reason: 'Trading is halted (global): halt 7',
      details: {
        halt_id: 7,
        scope: 'global',
        halt_reason: 'halt 7',
        halted_by: 'admin',
        halted_at: '2026-03-09T14:00:00.000Z',
      },
    });
  });

  it('rejects an entry under a halt on its own firm, whatever the case of the code', () => {
    const denial = checkTradingHalt(anOrder({ firmCode: 'apex' }), [halt(3, 'APEX')], NOW);
    expect(denial?.rule).toBe('TRADING_HALTED');
    expect(denial?.details).toMatchObject({ halt_id: 3, scope: 'firm' });
  });

  it('ignores a halt on another firm', () => {
    expect(checkTradingHalt(anOrder({ firmCode: 'FTMO' }), [halt(3, 'APEX')], NOW)).toBeNull();
  });

  it('reports the global halt first when several apply', () => {
    const halts = [accountHalt(2, 11), halt(3, 'APEX'), halt(9, null)];
    expect(checkTradingHalt(entryOf(11), halts, NOW)?.details).toMatchObject({ halt_id: 9, scope: 'global' });
    expect(checkTradingHalt(entryOf(11), halts.slice(0, 2), NOW)?.details).toMatchObject({ halt_id: 3 });
  });

  it('lets exits through every halt', () => {
    const exit = anOrder({ firmCode: 'APEX', eventType: 'exit', accountId: 11 });
    expect(checkTradingHalt(exit, [halt(1, null), halt(2, 'APEX'), accountHalt(3, 11)], NOW)).toBeNull();
  });

  it('passes entries when nothing is halted', () => {
    expect(checkTradingHalt(anOrder(), [], NOW)).toBeNull();
  });
});

describe('rule 2: a halt on one trading account', () => {
  it("rejects that account's entries, naming the account", () => {
    const denial = checkTradingHalt(entryOf(11), [accountHalt(4, 11)], NOW);
    expect(denial).toMatchObject({
      rule: 'TRADING_HALTED',
      reason: 'Trading is halted (account): halt 4',
      details: { halt_id: 4, scope: 'account', account_id: 11 },
    });
  });

  it('lets a sibling account of the same firm trade', () => {
    expect(checkTradingHalt(entryOf(12), [accountHalt(4, 11)], NOW)).toBeNull();
  });

  it('never reaches the firm-level state of an env account (no trading account)', () => {
    expect(checkTradingHalt(entryOf(null), [accountHalt(4, 11)], NOW)).toBeNull();
  });
});

describe('rule 2: a halt that ends by itself (expires_at)', () => {
  const until = new Date('2026-03-09T21:00:00Z');
  const at = (ms: number) => new Date(until.getTime() + ms);
  const ending = [accountHalt(5, 11, { expiresAt: until })];

  it('one millisecond before its end: still halted, and says until when', () => {
    const denial = checkTradingHalt(entryOf(11), ending, at(-1));
    expect(denial?.details).toMatchObject({ halt_id: 5, expires_at: '2026-03-09T21:00:00.000Z' });
  });
  it('at its end: over', () => {
    expect(checkTradingHalt(entryOf(11), ending, at(0))).toBeNull();
  });
  it('one millisecond after its end: over', () => {
    expect(checkTradingHalt(entryOf(11), ending, at(1))).toBeNull();
  });
  it('an expired firm halt leaves an active global one to report', () => {
    const halts = [halt(6, 'APEX', { expiresAt: until }), halt(7, null, { expiresAt: at(60_000) })];
    expect(checkTradingHalt(entryOf(11), halts, at(0))?.details).toMatchObject({ halt_id: 7 });
  });
  it('a cleared halt is over whatever its end', () => {
    const cleared = [accountHalt(8, 11, { expiresAt: until, clearedAt: at(-60_000), clearedBy: 'admin' })];
    expect(checkTradingHalt(entryOf(11), cleared, at(-1))).toBeNull();
  });
});
