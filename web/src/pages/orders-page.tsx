import { api, must, type Schemas } from '../api/client';
import { useApi } from '../api/use-api';
import { contracts } from '../format/money';
import { short, when } from '../format/time';
import { setQuery, useLocation } from '../app/router';
import { Badge, Empty, Section, Status } from '../ui/bits';
import { Link } from '../ui/link';

type Order = Schemas['OrderResponseDto'];
type OrderStatus = Order['status'];
const STATUSES: OrderStatus[] = ['FAILED', 'RETRY', 'PENDING_SEND', 'SUCCESS', 'SKIPPED'];
/** Failed first, then the ones still in doubt, then the rest; newest first within each. */
const RANK: Record<OrderStatus, number> = { FAILED: 0, RETRY: 1, PENDING_SEND: 2, SUCCESS: 3, SKIPPED: 4 };

export function failedFirst(orders: Order[]): Order[] {
  return [...orders].sort((a, b) => RANK[a.status] - RANK[b.status] || b.id - a.id);
}

export function OrdersPage() {
  const { query } = useLocation();
  const status = (query.get('status') ?? undefined) as OrderStatus | undefined;
  const firm = query.get('firm') ?? undefined;
  const orders = useApi(
    () =>
      must(
        api.GET('/api/execution/orders', {
          params: { query: { limit: 200, status, firm_code: firm } },
        }),
      ),
    `${status}|${firm}`,
    ['orders'],
  );
  return (
    <Section title="Orders">
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Order filters">
        <label>
          Status
          <select value={status ?? ''} onChange={(e) => setQuery({ status: e.target.value, firm })}>
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Firm
          <input
            value={firm ?? ''}
            placeholder="e.g. APEX"
            onChange={(e) => setQuery({ status, firm: e.target.value.toUpperCase() })}
          />
        </label>
      </form>
      <Status loading={orders.loading && !orders.data} error={orders.error} />
      {orders.data?.items.length === 0 && <Empty>No orders match.</Empty>}
      {orders.data && orders.data.items.length > 0 && (
        <div className="scroll">
          <table>
            <caption className="sr-only">Orders, failed first</caption>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Account</th>
                <th scope="col">Order</th>
                <th scope="col">Platform id</th>
                <th scope="col">Signal</th>
                <th scope="col">Sent</th>
                <th scope="col">Updated</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {failedFirst(orders.data.items).map((o) => (
                <tr key={o.id} className={o.status === 'FAILED' ? 'failed' : undefined}>
                  <td>
                    <Badge value={o.status} />
                  </td>
                  <td>
                    {o.account_label ?? '—'} <span className="muted">{o.firm_code}</span>
                  </td>
                  <td>
                    {o.side} {contracts(o.quantity)} {o.symbol} <span className="muted">{o.event_type}</span>
                  </td>
                  <td className="mono">{o.external_order_id ?? '—'}</td>
                  <td>
                    {o.task_id ? (
                      <Link href={`/signals/${o.task_id}`}>#{o.task_id}</Link>
                    ) : (
                      `flatten ${o.flatten_id}`
                    )}
                  </td>
                  <td title={when(o.created_at)}>{short(o.created_at)}</td>
                  <td title={when(o.updated_at)}>{short(o.updated_at)}</td>
                  <td className="error">{o.error_message ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
