import { renderMessage } from './render-message';

const flattened = (payload: Record<string, unknown>) =>
  renderMessage(
    { id: 1, kind: 'account.flattened', accountId: 7, payload, occurredAt: new Date('2026-12-02T15:00:00Z') },
    null,
  );

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
