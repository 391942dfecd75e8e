import { api, must } from '../api/client';
import { useApi } from '../api/use-api';
import { short, when } from '../format/time';
import { Badge, Empty, Section, Status } from '../ui/bits';

async function loadAudit() {
  const [audit, accounts] = await Promise.all([
    must(api.GET('/api/kill-switch/audit', { params: { query: { limit: 100 } } })),
    must(api.GET('/api/accounts', { params: { query: { limit: 200 } } })),
  ]);
  return { items: audit.items, accounts: accounts.items };
}

const ACTION: Record<string, string> = {
  halt_set: 'halted',
  halt_cleared: 'cleared the halt on',
  flatten: 'flattened',
};

/** Who halted, cleared and flattened what, when and why (operators and the guards), newest first. */
export function KillSwitchAudit() {
  const audit = useApi(loadAudit, 'kill-switch-audit', ['halts', 'orders']);
  const label = (id: number | null) => audit.data?.accounts.find((a) => a.id === id)?.label ?? `#${id}`;
  return (
    <Section title="Who did what">
      <Status loading={audit.loading && !audit.data} error={audit.error} />
      {audit.data?.items.length === 0 && <Empty>Nobody halted or flattened anything yet.</Empty>}
      <ul className="list">
        {audit.data?.items.map((e, i) => (
          <li key={`${e.action}-${e.halt_id ?? e.flatten_id}-${i}`}>
            <span title={when(e.at)}>{short(e.at)}</span> · <strong>{e.by}</strong>{' '}
            {ACTION[e.action] ?? e.action}{' '}
            {e.scope === 'global'
              ? 'every firm'
              : e.scope === 'firm'
                ? `firm ${e.firm_code}`
                : `account ${label(e.account_id)}`}
            {e.reason && <span className="muted"> — {e.reason}</span>}
            {e.outcome && (
              <>
                {' '}
                <Badge value={e.outcome} />
              </>
            )}
            {e.cause && <span className="muted"> ({e.cause})</span>}
            {e.expires_at && <span className="muted"> · until {when(e.expires_at)}</span>}
            {e.error && <span className="error"> · {e.error}</span>}
          </li>
        ))}
      </ul>
    </Section>
  );
}
