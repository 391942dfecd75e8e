import { anOrder } from '../../../../test/risk/support/risk.mother';
import type { TradingHalt } from '../trading-halt';
import { checkTradingHalt } from './trading-halt.rule';

const halt = (id: number, firmCode: string | null): TradingHalt => ({
  id,
  firmCode,
  reason: `halt ${id}`,
  createdBy: 'admin',
  createdAt: new Date('2026-03-09T14:00:00Z'),
  clearedBy: null,
  clearedAt: null,
});

describe('rule 2: trading halt', () => {
  it('rejects an entry under a global halt, with who, when and why', () => {
    expect(checkTradingHalt(anOrder({ firmCode: 'APEX' }), [halt(7, null)])).toEqual({
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
    const denial = checkTradingHalt(anOrder({ firmCode: 'apex' }), [halt(3, 'APEX')]);
    expect(denial?.rule).toBe('TRADING_HALTED');
    expect(denial?.details).toMatchObject({ halt_id: 3, scope: 'firm' });
  });

  it('ignores a halt on another firm', () => {
    expect(checkTradingHalt(anOrder({ firmCode: 'FTMO' }), [halt(3, 'APEX')])).toBeNull();
  });

  it('reports the global halt first when both apply', () => {
    expect(
      checkTradingHalt(anOrder({ firmCode: 'APEX' }), [halt(3, 'APEX'), halt(9, null)])?.details,
    ).toMatchObject({
      halt_id: 9,
      scope: 'global',
    });
  });

  it('lets exits through a global halt and a firm halt', () => {
    const exit = anOrder({ firmCode: 'APEX', eventType: 'exit' });
    expect(checkTradingHalt(exit, [halt(1, null), halt(2, 'APEX')])).toBeNull();
  });

  it('passes entries when nothing is halted', () => {
    expect(checkTradingHalt(anOrder(), [])).toBeNull();
  });
});
