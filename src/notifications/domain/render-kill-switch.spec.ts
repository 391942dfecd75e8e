import { renderMessage } from './render-message';

const render = (kind: 'account.flattened' | 'halt.set' | 'halt.cleared', payload: Record<string, unknown>) =>
  renderMessage({ id: 1, kind, accountId: 7, payload, occurredAt: new Date('2026-12-02T15:00:00Z') }, null);
const flattened = (payload: Record<string, unknown>) => render('account.flattened', payload);

describe('account.flattened message', () => {
  it('a kill switch flatten names the account, who asked and why, what closed and what was cancelled', () => {
    const m = flattened({
      outcome: 'FLAT',
      cause: 'operator',
      by: 'admin',
      reason: 'news spike',
      closed: [
        { symbol: 'MNQZ5', quantity: 2 },
        { symbol: 'ESZ5', quantity: -1 },
      ],
      cancelled_orders: 3,
      account_label: 'apex-50k-1',
      firm_code: 'APEX',
    });
    expect(m).toEqual({
      title: 'Account flattened: apex-50k-1 (APEX)',
      text: 'Kill switch (admin): news spike\nClosed MNQZ5 +2, ESZ5 -1; 3 working orders cancelled',
      link: null,
    });
  });
  it('a failed flatten says so first, with the error and what to do', () => {
    const m = flattened({
      outcome: 'FAILED',
      cause: 'flat_by',
      by: 'flat-by',
      reason: 'flat by 15:59 America/Chicago',
      closed: [],
      cancelled_orders: 1,
      error: 'close MNQZ5 +1: FAILED: market closed',
      account_label: 'ts-1',
      firm_code: 'TOPSTEP',
    });
    expect(m.title).toBe('Flatten FAILED: ts-1 (TOPSTEP)');
    expect(m.text.split('\n')).toEqual([
      'Flat-by time (flat-by): flat by 15:59 America/Chicago',
      '1 working order cancelled',
      'Error: close MNQZ5 +1: FAILED: market closed',
      'The account may still hold positions: check the platform.',
    ]);
  });
});

describe('halt messages', () => {
  const accountHalt = {
    halt_id: 4,
    firm_code: 'APEX',
    account_id: 7,
    account_label: 'apex-50k-1',
    reason: 'equity near the trailing drawdown',
    by: 'guard',
    expires_at: '2026-12-02T22:00:00+00:00',
  };
  it('an account halt names the account and says until when it holds', () => {
    expect(render('halt.set', accountHalt)).toEqual({
      title: 'Trading halted for account apex-50k-1 (APEX)',
      text: [
        'Reason: equity near the trailing drawdown',
        'Until 2026-12-02T22:00:00+00:00 (it ends by itself).',
        'By guard. Exits still go through; new entries are refused.',
      ].join('\n'),
      link: null,
    });
  });
  it('its clearing names the account too', () => {
    expect(render('halt.cleared', { ...accountHalt, by: 'admin' }).title).toBe(
      'Halt cleared for account apex-50k-1 (APEX)',
    );
  });
  it('a halt that ended by itself says so, with when and who had set it', () => {
    const m = render('halt.cleared', {
      ...accountHalt,
      by: 'guard',
      expired: true,
      expires_at: '2026-12-02T22:00:00.000Z',
    });
    expect(m.title).toBe('Halt ended for account apex-50k-1 (APEX)');
    expect(m.text).toContain('(set by guard)');
    expect(m.text).toContain(
      'It ended by itself at 2026-12-02T22:00:00.000Z. New entries are accepted again.',
    );
  });
  it('firm and global halts read as before', () => {
    expect(
      render('halt.set', { firm_code: 'APEX', account_id: null, reason: 'news', by: 'admin' }).title,
    ).toBe('Trading halted for APEX');
    expect(render('halt.cleared', { firm_code: null, reason: 'news', by: 'admin' }).title).toBe(
      'Halt cleared (all firms)',
    );
  });
});
