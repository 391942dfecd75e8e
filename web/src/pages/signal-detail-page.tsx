import { api, must, type Schemas } from '../api/client';
import { useApi } from '../api/use-api';
import { contracts, money } from '../format/money';
import { when } from '../format/time';
import { Badge, Section, Status } from '../ui/bits';
import { Link } from '../ui/link';
import { TradingDay } from './trading-day';

type Result = Schemas['TaskResultDto'];

/** One alert: as received (the secret is never stored), each account's risk, sizing and connector results, its orders. */
export function SignalDetailPage({ id }: { id: number }) {
  const sig = useApi(
    () => must(api.GET('/api/execution/signals/{id}', { params: { path: { id } } })),
    `signal-${id}`,
    ['signals', 'orders'],
  );
  const t = sig.data;
  return (
    <>
      <p>
        <Link href="/signals">← Signals</Link>
      </p>
      <Status loading={sig.loading && !sig.data} error={sig.error} />
      {t && (
        <Section title={`Signal #${t.task_id} — ${t.symbol} ${t.side ?? t.event_type}`}>
          <dl className="figures">
            <dt>Trade id</dt>
            <dd className="mono">{t.trade_id}</dd>
            <dt>Received</dt>
            <dd>
              {when(t.received_at)} <TradingDay at={t.received_at} />
            </dd>
            <dt>Status</dt>
            <dd>
              <Badge value={t.status} /> <Badge value={t.outcome} />
            </dd>
            <dt>Completed</dt>
            <dd>{when(t.completed_at)}</dd>
          </dl>
          {t.last_error && <p className="error">{t.last_error}</p>}
          {t.details && <p>{t.details}</p>}
          <h3>Alert as received</h3>
          <pre className="code">{JSON.stringify(t.payload, null, 2)}</pre>
        </Section>
      )}
      {t?.result && <PerAccount result={t.result} />}
      {sig.data && (
        <Section title="Orders">
          <ul className="list">
            {sig.data.orders.length === 0 && <li className="muted">No order for this signal.</li>}
            {sig.data.orders.map((o) => (
              <li key={o.id}>
                <Badge value={o.status} /> {o.account_label ?? o.firm_code}: {o.side} {contracts(o.quantity)}{' '}
                {o.symbol}
                {o.external_order_id && <span className="mono"> · {o.external_order_id}</span>}
                {o.error_message && <span className="error"> · {o.error_message}</span>}
              </li>
            ))}
          </ul>
        </Section>
      )}
    </>
  );
}

function PerAccount({ result }: { result: Result }) {
  const keys = [
    ...new Set([...result.risk_checks, ...result.program_sizing, ...result.connector_results].map(keyOf)),
  ];
  return (
    <Section title="Per account">
      <div className="cards">
        {keys.map((k) => {
          const risk = result.risk_checks.filter((r) => keyOf(r) === k);
          const sizing = result.program_sizing.filter((r) => keyOf(r) === k);
          const sent = result.connector_results.filter((r) => keyOf(r) === k);
          return (
            <article key={k} className="card" aria-label={`Decision for ${k}`}>
              <h3>{k}</h3>
              {sizing.map((s, i) => (
                <p key={`s${i}`}>
                  Sizing <Badge value={s.status} />{' '}
                  {s.computed_quantity !== null && contracts(s.computed_quantity)}
                  {s.rule && (
                    <span>
                      {' '}
                      · {s.rule}: {s.reason}
                    </span>
                  )}
                  {typeof s.details.account_size === 'number' && (
                    <span className="muted"> · account {money(s.details.account_size)}</span>
                  )}
                </p>
              ))}
              {risk.map((r, i) => (
                <p key={`r${i}`}>
                  Risk <Badge value={r.status} />
                  {r.approved_quantity !== undefined && (
                    <span> · sized down to {contracts(r.approved_quantity)}</span>
                  )}
                  {r.rule && (
                    <span>
                      {' '}
                      · {r.rule}: {r.reason}
                    </span>
                  )}
                </p>
              ))}
              {sent.map((c, i) => (
                <p key={`c${i}`}>
                  Order <Badge value={c.status} />
                  {c.external_order_id && <span className="mono"> · {c.external_order_id}</span>}
                  {c.error_message && <span> · {c.error_message}</span>}
                  {c.protection && (
                    <span>
                      {' '}
                      · stop {c.protection.status}: {c.protection.detail}
                    </span>
                  )}
                  {c.protection_resize && (
                    <span>
                      {' '}
                      · brackets {c.protection_resize.status}: {c.protection_resize.detail}
                    </span>
                  )}
                </p>
              ))}
            </article>
          );
        })}
      </div>
    </Section>
  );
}

function keyOf(r: { account_label: string | null; firm_code: string }): string {
  return r.account_label ?? r.firm_code;
}
