import { api, must } from '../api/client';
import { useApi } from '../api/use-api';
import { short, when } from '../format/time';
import { Badge, Empty, Section, Status } from '../ui/bits';

export function SystemPage() {
  const connectors = useApi(() => must(api.GET('/api/connectors/status')), 'connectors', ['sync', 'orders']);
  const sync = useApi(() => must(api.GET('/api/sync/status')), 'sync', ['sync']);
  return (
    <>
      <Section title="Connectors and circuit breakers">
        <Status loading={connectors.loading && !connectors.data} error={connectors.error} />
        {connectors.data?.items.length === 0 && <Empty>No connection.</Empty>}
        {connectors.data && connectors.data.items.length > 0 && (
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Connection</th>
                  <th scope="col">Platform</th>
                  <th scope="col">Configured</th>
                  <th scope="col">Breaker</th>
                  <th scope="col">In flight / waiting</th>
                  <th scope="col">Rate limit tokens / queued</th>
                </tr>
              </thead>
              <tbody>
                {connectors.data.items.map((c) => (
                  <tr key={c.connection_id}>
                    <td>
                      {c.name} <span className="muted">{c.source}</span>
                    </td>
                    <td>{c.platform ?? '—'}</td>
                    <td>
                      {c.configured ? 'yes' : <span className="error">missing {c.missing.join(', ')}</span>}
                    </td>
                    <td>
                      <Badge value={c.circuit} />
                    </td>
                    <td className="num">
                      {c.in_flight} / {c.waiting}
                    </td>
                    <td className="num">
                      {c.rate_limit.tokens ?? 'no limit'} / {c.rate_limit.queued}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section title="Platform sync">
        <Status loading={sync.loading && !sync.data} error={sync.error} />
        {sync.data?.items.length === 0 && <Empty>No connection is synced.</Empty>}
        <ul className="list">
          {sync.data?.items.map((s) => (
            <li key={s.connection_id}>
              connection #{s.connection_id} <Badge value={s.mode} /> · last event{' '}
              <span title={when(s.last_event_at)}>{short(s.last_event_at)}</span>
              {s.holder && <span className="muted"> · held by {s.holder}</span>}
              {s.last_error && <span className="error"> · {s.last_error}</span>}
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
