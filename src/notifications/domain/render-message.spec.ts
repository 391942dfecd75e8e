import type { NotificationEvent } from './notification-event';
import { renderMessage } from './render-message';

const event = (
  kind: NotificationEvent['kind'],
  payload: Record<string, unknown>,
  accountId: number | null = null,
) => ({
  id: 1,
  kind,
  accountId,
  payload,
  occurredAt: new Date('2026-12-02T15:00:00Z'),
});

describe('renderMessage', () => {
  it("an order failure names the account, the order and the reason, with its signal's dashboard link", () => {
    const m = renderMessage(
      event(
        'order.failed',
        {
          task_id: 41,
          account_label: 'apex-50k-1',
          firm_code: 'APEX',
          side: 'BUY',
          quantity: 2,
          symbol: 'MNQ',
          event_type: 'entry',
          trade_id: 't-9',
          error: 'REJECTED: margin',
        },
        7,
      ),
      'https://router.example.com/',
    );
    expect(m).toEqual({
      title: 'Order failed: apex-50k-1 (APEX)',
      text: 'BUY 2 MNQ (entry, trade t-9)\nReason: REJECTED: margin\nhttps://router.example.com/signals/41',
      link: 'https://router.example.com/signals/41',
    });
  });

  it('links each event to the dashboard page that shows its subject', () => {
    const link = (e: NotificationEvent) => renderMessage(e, 'https://r.example.com').link;
    // an order or a refused entry: its signal; a flatten's order (no task): its account
    expect(link(event('entry.rejected', { task_id: 12, rule: 'DAILY_LOSS' }, 3))).toBe(
      'https://r.example.com/signals/12',
    );
    expect(link(event('order.failed', { task_id: null, error: 'x' }, 3))).toBe(
      'https://r.example.com/accounts/3',
    );
    // halts, firm-wide or one account's: the kill switch, where they are listed and cleared
    expect(link(event('halt.set', { firm_code: 'APEX' }))).toBe('https://r.example.com/kill-switch');
    expect(link(event('halt.cleared', { account_id: 3 }, 3))).toBe('https://r.example.com/kill-switch');
    for (const kind of ['limit.approaching', 'sync.drift', 'account.flattened', 'daily.summary'] as const)
      expect([kind, link(event(kind, {}, 5))]).toEqual([kind, 'https://r.example.com/accounts/5']);
    expect(link(event('connection.down', { connection_id: 4 }))).toBe('https://r.example.com/connections/4');
    expect(link(event('heartbeat.silent', { minutes: 30 }))).toBe('https://r.example.com/signals');
    expect(link(event('test', {}))).toBe('https://r.example.com/');
    // a fact that is not an id never becomes a path
    expect(link(event('order.failed', { task_id: '../x' }, 9))).toBe('https://r.example.com/accounts/9');
    expect(link(event('connection.down', { connection_id: 'a/b' }))).toBe('https://r.example.com/');
  });

  it('no link without PUBLIC_URL; env accounts by their label', () => {
    const m = renderMessage(
      event('entry.rejected', {
        account_label: 'env:APEX',
        firm_code: 'APEX',
        rule: 'DAILY_LOSS',
        reason: 'left $10',
        trade_id: 't',
      }),
      null,
    );
    expect(m.title).toBe('Entry rejected: env:APEX');
    expect(m.text).toBe('Rule DAILY_LOSS: left $10\nTrade t');
    expect(m.link).toBeNull();
  });

  it('halts, limits, connections and the dead-man read as sentences', () => {
    expect(
      renderMessage(event('halt.set', { firm_code: null, reason: 'news', by: 'admin' }), null).title,
    ).toBe('Trading halted (all firms)');
    const limit = renderMessage(
      event(
        'limit.approaching',
        {
          account_label: 'a',
          firm_code: 'F',
          limit: 'daily_loss',
          used_percent: '80',
          room_left: '500.00',
          limit_amount: '2500.00',
          trading_day: '2026-12-02',
        },
        3,
      ),
      null,
    );
    expect(limit).toMatchObject({
      title: 'Daily loss 80 % used: a (F)',
      text: 'Room left: $500.00 of $2500.00 (trading day 2026-12-02)',
    });
    expect(
      renderMessage(
        event('connection.login_failed', { connection_id: 4, connection_name: 'tv', error: 'HTTP 401' }),
        'https://x',
      ).text,
    ).toBe('HTTP 401\nhttps://x/connections/4');
    expect(renderMessage(event('heartbeat.silent', { minutes: 30, last_alert_at: null }), null).text).toBe(
      'No alert received yet.\nCheck the strategy and its alerts.',
    );
    expect(
      renderMessage(
        event(
          'daily.summary',
          {
            account_label: 'a',
            firm_code: 'F',
            trading_day: '2026-12-02',
            pnl: '-120.50',
            realized_pnl: '-100.00',
            balance: '49879.50',
            orders: 4,
            failed: 1,
            rejections: 2,
            drawdown_left: '2379.50',
            daily_loss_left: '1000.00',
          },
          3,
        ),
        null,
      ).text,
    ).toBe(
      [
        'P&L -$120.50 (realized -$100.00); balance $49879.50',
        'Orders 4, failed 1; entries refused by risk rules 2',
        'Drawdown room left: $2379.50',
        'Daily loss room for the new day: $1000.00',
      ].join('\n'),
    );
  });
});
