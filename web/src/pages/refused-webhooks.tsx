import { api, must } from '../api/client';
import { useApi } from '../api/use-api';
import { short, when } from '../format/time';
import { Empty, Section, Status } from '../ui/bits';

/** Webhooks refused before they became a signal (wrong secret, invalid body, …), with the reason. */
export function RefusedWebhooks() {
  const refused = useApi(
    () => must(api.GET('/api/webhooks/refused', { params: { query: { limit: 50 } } })),
    'refused',
    ['refused'],
  );
  return (
    <Section title="Refused webhooks">
      <Status loading={refused.loading && !refused.data} error={refused.error} />
      {refused.data?.items.length === 0 && <Empty>None refused.</Empty>}
      <ul className="list">
        {refused.data?.items.map((r) => (
          <li key={r.id}>
            <details>
              <summary>
                <span title={when(r.received_at)}>{short(r.received_at)}</span> ·{' '}
                <span className="badge bad">{r.status}</span> {r.reason}
                <span className="muted"> · {r.ip}</span>
              </summary>
              {r.problems.length > 0 && (
                <ul>
                  {r.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              )}
              {r.body && <pre className="code">{r.body}</pre>}
              {r.suppressed_before > 0 && (
                <p className="muted">{r.suppressed_before} more refused just before (counted only)</p>
              )}
            </details>
          </li>
        ))}
      </ul>
    </Section>
  );
}
