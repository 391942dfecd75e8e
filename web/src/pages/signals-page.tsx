import { api, must } from '../api/client';
import { useApi } from '../api/use-api';
import { short, when } from '../format/time';
import { Badge, Empty, Section, Status } from '../ui/bits';
import { Link } from '../ui/link';
import { RefusedWebhooks } from './refused-webhooks';

export function SignalsPage() {
  const feed = useApi(
    () => must(api.GET('/api/execution/tasks', { params: { query: { limit: 50 } } })),
    'feed',
    ['signals'],
  );
  return (
    <>
      <Section title="Signals">
        <Status loading={feed.loading && !feed.data} error={feed.error} />
        {feed.data?.items.length === 0 && <Empty>No alert received yet.</Empty>}
        <ul className="list feed">
          {feed.data?.items.map((t) => (
            <li key={t.id}>
              <Link href={`/signals/${t.id}`}>
                <span title={when(t.created_at)}>{short(t.created_at)}</span> · {t.trade_id} · {t.event_type}
              </Link>{' '}
              <Badge value={t.outcome ?? t.status} />
            </li>
          ))}
        </ul>
      </Section>
      <RefusedWebhooks />
    </>
  );
}
