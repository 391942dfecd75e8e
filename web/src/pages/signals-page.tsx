import { api, must, type Schemas } from '../api/client';
import { useApi } from '../api/use-api';
import { useLocation } from '../app/router';
import { contracts } from '../format/money';
import { short, when } from '../format/time';
import { Badge, Empty, Section, Status } from '../ui/bits';
import { Link } from '../ui/link';
import { RefusedWebhooks } from './refused-webhooks';
import { feedQuery, SignalFilters } from './signal-filters';
import { TradingDay } from './trading-day';

type Item = Schemas['SignalFeedItemDto'];

export function SignalsPage() {
  const { query } = useLocation();
  const q = feedQuery(query);
  const feed = useApi(
    () => must(api.GET('/api/execution/signals', { params: { query: q } })),
    JSON.stringify(q),
    ['signals'],
  );
  const accounts = useApi(
    () => must(api.GET('/api/accounts', { params: { query: { limit: 200 } } })),
    'accounts',
    ['accounts'],
  );
  return (
    <>
      <Section title="Signals">
        <SignalFilters query={query} accounts={accounts.data?.items ?? []} />
        <Status loading={feed.loading && !feed.data} error={feed.error} />
        {feed.data?.items.length === 0 && <Empty>No alert matches.</Empty>}
        <ul className="list feed">
          {feed.data?.items.map((s) => (
            <FeedItem key={s.task_id} s={s} />
          ))}
        </ul>
      </Section>
      <RefusedWebhooks />
    </>
  );
}

function FeedItem({ s }: { s: Item }) {
  return (
    <li aria-label={`Signal ${s.trade_id}`}>
      <div className="row wrap">
        <span title={when(s.received_at)}>{short(s.received_at)}</span>
        <TradingDay at={s.received_at} />
        <Link href={`/signals/${s.task_id}`}>
          <strong>{s.symbol}</strong> {s.side ?? s.event_type}
          {s.quantity !== null && ` ${contracts(s.quantity)}`}
        </Link>
        <Badge value={s.outcome ?? s.status} />
        {s.dry_run && <span className="badge info">dry run</span>}
        <span className="muted mono">{s.trade_id}</span>
      </div>
      {s.accounts.length > 0 && (
        <ul className="decisions" aria-label="Per account">
          {s.accounts.map((a, i) => (
            <li key={`${a.account_id}-${i}`}>
              {a.account_label ?? a.firm_code}: <Badge value={a.decision} />
              {a.quantity !== null && ` ${contracts(a.quantity)}`}
              {a.rule && <span className="error"> {a.rule}</span>}
              {a.reason && <span className="muted"> — {a.reason}</span>}
            </li>
          ))}
        </ul>
      )}
      {s.last_error && <p className="error">{s.last_error}</p>}
    </li>
  );
}
