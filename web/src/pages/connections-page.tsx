import { useEffect, useState } from 'react';
import { api, errorText, must, type Schemas } from '../api/client';
import { useApi } from '../api/use-api';
import { useIsAdmin } from '../app/me';
import { short } from '../format/time';
import { Badge, Empty, Section, Status } from '../ui/bits';
import { useConfirm } from '../ui/confirm';
import { AccountForm, type AccountChoices } from './account-form';
import { ConnectionForm } from './connection-form';

type Connection = Schemas['ConnectionResponseDto'];
type Account = Schemas['AccountResponseDto'];
type Picked = { connectionId: number; platformAccount: string; spec: string };

async function loadAll() {
  const [firms, programs, connections, accounts, sync] = await Promise.all([
    must(api.GET('/api/prop-registry/firms')),
    must(api.GET('/api/prop-registry/programs')),
    must(api.GET('/api/accounts/connections')),
    must(api.GET('/api/accounts', { params: { query: { limit: 200 } } })),
    must(api.GET('/api/sync/status')),
  ]);
  return {
    firms: firms.firms,
    programs: programs.programs,
    connections: connections.items,
    accounts: accounts.items,
    sync: sync.items,
  };
}

/** Connections and trading accounts; `/connections/{id}` (a notification's link) scrolls to that connection. */
export function ConnectionsPage({ focus = null }: { focus?: number | null }) {
  const admin = useIsAdmin();
  const all = useApi(loadAll, 'connections', ['accounts', 'sync']);
  const [picked, setPicked] = useState<Picked>();
  const [editing, setEditing] = useState<string | null>(null);
  const loaded = all.data !== undefined;
  useEffect(() => {
    if (loaded && focus !== null)
      document.getElementById(`connection-${focus}`)?.scrollIntoView({ block: 'center' });
  }, [loaded, focus]);
  if (!all.data) return <Status loading={all.loading} error={all.error} />;
  const { connections, accounts, sync } = all.data;
  const done = () => (setEditing(null), setPicked(undefined), all.reload());
  return (
    <>
      <Section title="Connections">
        {connections.length === 0 && <Empty>No connection yet.</Empty>}
        <ul className="list">
          {connections.map((c) => (
            <li
              key={c.id}
              id={`connection-${c.id}`}
              className={c.id === focus ? 'focused' : undefined}
              aria-current={c.id === focus ? 'true' : undefined}
            >
              <ConnectionRow
                c={c}
                sync={sync.find((s) => s.connection_id === c.id)}
                admin={admin}
                onPick={(p) => setPicked(p)}
                onEdit={() => setEditing(`c${c.id}`)}
              />
              {editing === `c${c.id}` && <ConnectionForm existing={c} onDone={done} />}
            </li>
          ))}
        </ul>
        {admin && (
          <details>
            <summary>New connection</summary>
            <ConnectionForm onDone={done} />
          </details>
        )}
      </Section>
      <Section title="Trading accounts">
        {accounts.length === 0 && <Empty>No trading account yet.</Empty>}
        <ul className="list">
          {accounts.map((a) => (
            <li key={a.id}>
              <AccountRow
                a={a}
                connections={connections}
                admin={admin}
                onEdit={() => setEditing(`a${a.id}`)}
                onChanged={all.reload}
              />
              {editing === `a${a.id}` && (
                <AccountForm choices={all.data as AccountChoices} existing={a} onDone={done} />
              )}
            </li>
          ))}
        </ul>
        {admin && (
          <details open={picked !== undefined}>
            <summary>New trading account</summary>
            <AccountForm key={picked?.platformAccount} choices={all.data} picked={picked} onDone={done} />
          </details>
        )}
      </Section>
    </>
  );
}

function ConnectionRow(props: {
  c: Connection;
  sync: Schemas['ConnectionSyncDto'] | undefined;
  admin: boolean;
  onPick: (p: Picked) => void;
  onEdit: () => void;
}) {
  const { c } = props;
  const [test, setTest] = useState<Schemas['ConnectionTestResponseDto'] | { error: string }>();
  const run = async () => {
    setTest(undefined);
    const { data, error, response } = await api.POST('/api/accounts/connections/{id}/test', {
      params: { path: { id: c.id } },
    });
    setTest(data ?? { error: errorText(error, response.status) });
  };
  return (
    <div className="item" aria-label={`Connection ${c.name}`}>
      <div className="row between wrap">
        <strong>{c.name}</strong>
        <span className="muted">
          {c.platform ?? 'not configured'} · {c.environment} · {c.source} · credentials:{' '}
          {c.credentials_set.join(', ') || 'none'}
        </span>
        <span>
          sync {props.sync ? <Badge value={props.sync.mode} /> : <span className="muted">none</span>}
        </span>
        {props.admin && c.source === 'api' && (
          <span className="row">
            <button type="button" onClick={run}>
              Test connection
            </button>
            <button type="button" onClick={props.onEdit}>
              Edit
            </button>
          </span>
        )}
      </div>
      {test && 'ok' in test && test.ok && (
        <div role="status">
          <p className="ok">Login works; its accounts:</p>
          <ul>
            {(test.accounts ?? []).map((a) => (
              <li key={a.platform_account} className="row">
                <span className="mono">{a.platform_account}</span> {a.name}
                <button
                  type="button"
                  onClick={() =>
                    props.onPick({ connectionId: c.id, platformAccount: a.platform_account, spec: a.name })
                  }
                >
                  Use {a.platform_account}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {test && !('ok' in test && test.ok) && (
        <p role="alert" className="error">
          {'error' in test ? test.error : 'failed'}
        </p>
      )}
    </div>
  );
}

function AccountRow(props: {
  a: Account;
  connections: Connection[];
  admin: boolean;
  onEdit: () => void;
  onChanged: () => void;
}) {
  const { a } = props;
  const confirm = useConfirm();
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    const verb = a.enabled ? 'Disable' : 'Enable';
    if (
      !(await confirm(
        `${verb} ${a.label}?`,
        a.enabled ? 'It gets no new orders.' : 'It gets the next alerts.',
      ))
    )
      return;
    const { error: err, response } = await api.PATCH('/api/accounts/{id}', {
      params: { path: { id: a.id } },
      body: {
        enabled: !a.enabled,
        phase: a.phase,
        sizing_mode: a.sizing_mode,
        flatten_orphans: a.flatten_orphans,
      },
    });
    setError(response.ok ? null : errorText(err, response.status));
    props.onChanged();
  };
  const conn = props.connections.find((c) => c.id === a.connection_id);
  return (
    <div className="item" aria-label={`Account ${a.label}`}>
      <div className="row between wrap">
        <strong>{a.label}</strong>
        <span className="muted">
          {a.firm_code} · {conn?.name ?? `connection ${a.connection_id}`} · {a.platform_account ?? '—'} ·{' '}
          {a.phase} · sizing {a.sizing_mode}
        </span>
        <span>
          {a.tags.map((t) => (
            <span key={t} className="badge">
              {t}
            </span>
          ))}
        </span>
        <span>
          {a.enabled ? <span className="badge ok">enabled</span> : <span className="badge">disabled</span>}
        </span>
        {props.admin && a.source === 'api' && (
          <span className="row">
            <button type="button" onClick={toggle}>
              {a.enabled ? 'Disable' : 'Enable'}
            </button>
            <button type="button" onClick={props.onEdit}>
              Edit
            </button>
          </span>
        )}
      </div>
      <p className="muted small">updated {short(a.updated_at)}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
