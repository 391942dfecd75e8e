import type { NotificationEvent, RenderedMessage } from './notification-event';
import { renderFlatten, renderHalt } from './render-kill-switch';

type Facts = Record<string, unknown>;

function str(v: unknown, fallback = '?'): string {
  return v === null || v === undefined || v === '' ? fallback : String(v);
}

/** "apex-50k-1 (APEX)", or the firm alone for env accounts and firm-wide facts. */
function who(f: Facts): string {
  const label = f.account_label ? String(f.account_label) : null;
  const firm = f.firm_code ? String(f.firm_code) : null;
  if (label && firm && !label.startsWith('env:')) return `${label} (${firm})`;
  return label ?? firm ?? 'an account';
}

function money(v: unknown): string {
  if (v === null || v === undefined) return '?';
  const text = String(v);
  return text.startsWith('-') ? `-$${text.slice(1)}` : `$${text}`;
}

type Renderer = (f: Facts) => { title: string; lines: string[] };

const RENDERERS: Record<string, Renderer> = {
  'order.failed': (f) => ({
    title: `Order failed: ${who(f)}`,
    lines: [
      `${str(f.side)} ${str(f.quantity)} ${str(f.symbol)} (${str(f.event_type)}, trade ${str(f.trade_id)})`,
      `Reason: ${str(f.error, 'not given')}`,
    ],
  }),
  'entry.rejected': (f) => ({
    title: `Entry rejected: ${who(f)}`,
    lines: [`Rule ${str(f.rule)}: ${str(f.reason, 'no reason given')}`, `Trade ${str(f.trade_id)}`],
  }),
  'halt.set': (f) => renderHalt(f, who(f), true),
  'halt.cleared': (f) => renderHalt(f, who(f), false),
  'account.flattened': (f) => renderFlatten(f, who(f)),
  'limit.approaching': (f) => ({
    title: `${f.limit === 'drawdown' ? 'Drawdown' : 'Daily loss'} ${str(f.used_percent)} % used: ${who(f)}`,
    lines: [
      `Room left: ${money(f.room_left)} of ${money(f.limit_amount)} (trading day ${str(f.trading_day)})`,
    ],
  }),
  'connection.down': (f) => connection('Connection down', f),
  'connection.login_failed': (f) => connection('Login failed', f),
  'connection.token_renewal_failed': (f) => connection('Token renewal failed', f),
  'sync.drift': (f) => ({
    title: `Position drift: ${who(f)}`,
    lines: [
      `${str(f.symbol)}: platform ${str(f.platform_quantity)}, PropRouter ${str(f.expected_quantity)} (${str(f.drift)})`,
      `Action: ${str(f.action)}`,
    ],
  }),
  'heartbeat.silent': (f) => ({
    title: `No alert for ${str(f.minutes)} minute${f.minutes === 1 ? '' : 's'}`,
    lines: [
      f.last_alert_at ? `Last alert at ${str(f.last_alert_at)}.` : 'No alert received yet.',
      'Check the strategy and its alerts.',
    ],
  }),
  'daily.summary': (f) => ({
    title: `Day ${str(f.trading_day)} closed: ${who(f)}`,
    lines: [
      `P&L ${money(f.pnl)}${f.realized_pnl !== undefined ? ` (realized ${money(f.realized_pnl)})` : ''}${f.balance !== undefined ? `; balance ${money(f.balance)}` : ''}`,
      `Orders ${str(f.orders, '0')}, failed ${str(f.failed, '0')}; entries refused by risk rules ${str(f.rejections, '0')}`,
      ...(f.drawdown_left !== undefined && f.drawdown_left !== null
        ? [`Drawdown room left: ${money(f.drawdown_left)}`]
        : []),
      ...(f.daily_loss_left !== undefined && f.daily_loss_left !== null
        ? [`Daily loss room for the new day: ${money(f.daily_loss_left)}`]
        : []),
    ],
  }),
  test: () => ({ title: 'PropRouter test message', lines: ['This channel works.'] }),
};

function connection(what: string, f: Facts): { title: string; lines: string[] } {
  return {
    title: `${what}: ${str(f.connection_name, `connection ${str(f.connection_id)}`)}`,
    lines: [str(f.error, 'no details')],
  };
}

/** A positive whole number (ids in the event's facts), or null. */
function id(v: unknown): number | null {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * The dashboard page that shows this event's subject, when PUBLIC_URL is set: an order or a refusal of an
 * alert, its signal (`/signals/{task id}`: every account's decision and orders); a halt, the kill switch
 * (its halts and who did what); an account's event, its card (`/accounts/{id}`); a connection's, its row
 * (`/connections/{id}`); the dead-man, the signals feed; anything else, the home page.
 */
function linkFor(event: NotificationEvent, publicUrl: string | null): string | null {
  if (!publicUrl) return null;
  const base = publicUrl.replace(/\/+$/, '');
  const f = event.payload;
  const task = id(f.task_id);
  if ((event.kind === 'order.failed' || event.kind === 'entry.rejected') && task !== null)
    return `${base}/signals/${task}`;
  if (event.kind === 'halt.set' || event.kind === 'halt.cleared') return `${base}/kill-switch`;
  if (event.kind === 'heartbeat.silent') return `${base}/signals`;
  const account = id(event.accountId);
  if (account !== null) return `${base}/accounts/${account}`;
  const connection = id(f.connection_id);
  if (connection !== null) return `${base}/connections/${connection}`;
  return `${base}/`;
}

/** The message for an event: short, human, specific; built only from the event's facts (never a secret). */
export function renderMessage(event: NotificationEvent, publicUrl: string | null): RenderedMessage {
  const r = (RENDERERS[event.kind] ?? (() => ({ title: event.kind, lines: [] })))(event.payload);
  const link = linkFor(event, publicUrl);
  const text = [...r.lines, ...(link ? [link] : [])].join('\n');
  return { title: r.title, text, link };
}
