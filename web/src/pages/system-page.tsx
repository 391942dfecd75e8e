import { api, must } from '../api/client';
import { useApi } from '../api/use-api';
import { short, when } from '../format/time';
import { Badge, Empty, Section, Status } from '../ui/bits';

export function SystemPage() {
  return (
    <>
      <Service />
      <Connectors />
    </>
  );
}

function Service() {
  const sys = useApi(() => must(api.GET('/api/dashboard/system')), 'system', ['signals', 'accounts']);
  const s = sys.data;
  return (
    <Section title="Service">
      <Status loading={sys.loading && !s} error={sys.error} />
      {s && (
        <>
          <dl className="figures">
            <dt>Version</dt>
            <dd>{s.version}</dd>
            <dt>Mode</dt>
            <dd>
              <Badge value={s.mode} />
            </dd>
            <dt>Router</dt>
            <dd>{s.router_enabled ? 'on' : 'off in this process'}</dd>
            <dt>Started</dt>
            <dd title={when(s.started_at)}>{short(s.started_at)}</dd>
            <dt>Node.js</dt>
            <dd>{s.node_version}</dd>
            <dt>Queue</dt>
            <dd className="num">
              {s.queue.pending} waiting{s.queue.pending > 0 && `, oldest ${s.queue.oldest_pending_seconds} s`}
            </dd>
            <dt>Accounts</dt>
            <dd className="num">
              {s.accounts.total} total, {s.accounts.enabled} enabled
            </dd>
          </dl>
          <details>
            <summary>Configuration ({s.config.length} settings; secrets only as set or not)</summary>
            <div className="scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Setting</th>
                    <th scope="col">Value</th>
                  </tr>
                </thead>
                <tbody>
                  {s.config.map((c) => (
                    <tr key={c.name}>
                      <td className="mono">{c.name}</td>
                      <td className="mono">
                        {c.secret ? (c.set ? '(set, secret)' : '(not set)') : (c.value ?? '(default)')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </Section>
  );
}

function Connectors() {
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
