import { useState } from 'react';
import { api, errorText, must, type Schemas } from '../api/client';
import { useApi } from '../api/use-api';
import { useIsAdmin } from '../app/me';
import { short, when } from '../format/time';
import { Badge, Empty, Section, Status } from '../ui/bits';
import { useConfirm } from '../ui/confirm';
import { CHANNEL_FORM, ChannelForm, KIND_LABELS, type ChannelType } from './channel-form';

type Channel = Schemas['ChannelResponseDto'];
type Account = Schemas['AccountResponseDto'];
type TestAnswer = Schemas['ChannelTestResponseDto'];

async function loadAll() {
  const [channels, accounts] = await Promise.all([
    must(api.GET('/api/notifications/channels', { params: { query: { limit: 500 } } })),
    must(api.GET('/api/accounts', { params: { query: { limit: 200 } } })),
  ]);
  return { channels: channels.items, accounts: accounts.items };
}

/** Notification channels (issue 18): what each gets, whether it works; admins add, edit, test, pause, delete. */
export function NotificationsPage() {
  const admin = useIsAdmin();
  const all = useApi(loadAll, 'notifications', ['accounts']);
  const [editing, setEditing] = useState<number | null>(null);
  const [adding, setAdding] = useState(0);
  if (!all.data) return <Status loading={all.loading} error={all.error} />;
  const { channels, accounts } = all.data;
  const done = () => (setEditing(null), all.reload());
  return (
    <Section title="Notification channels">
      {channels.length === 0 && <Empty>No channel yet: nobody hears about failed orders or halts.</Empty>}
      <ul className="list">
        {channels.map((c) => (
          <li key={c.id}>
            <ChannelRow
              c={c}
              accounts={accounts}
              admin={admin}
              onEdit={() => setEditing(editing === c.id ? null : c.id)}
              onChanged={all.reload}
            />
            {editing === c.id && <ChannelForm existing={c} accounts={accounts} onDone={done} />}
          </li>
        ))}
      </ul>
      {admin && (
        <details>
          <summary>New channel</summary>
          <ChannelForm
            key={adding}
            accounts={accounts}
            onDone={() => (setAdding(adding + 1), all.reload())}
          />
        </details>
      )}
    </Section>
  );
}

/** What a channel is set to, without its secrets: its settings and the names of the secrets it holds. */
function describe(c: Channel): string {
  const spec = CHANNEL_FORM[c.type as ChannelType];
  const settings = (spec?.settings ?? [])
    .filter((f) => c.settings[f.key] !== undefined && c.settings[f.key] !== null)
    .map((f) => {
      const v = c.settings[f.key];
      return `${f.label.toLowerCase()} ${Array.isArray(v) ? v.join(', ') : String(v)}`;
    });
  const secrets = c.secret_fields_set === null ? 'unreadable' : c.secret_fields_set.join(', ') || 'none';
  return [...settings, `secrets set: ${secrets}`].join(' · ');
}

function ChannelRow(props: {
  c: Channel;
  accounts: Account[];
  admin: boolean;
  onEdit: () => void;
  onChanged: () => void;
}) {
  const { c } = props;
  const confirm = useConfirm();
  const [test, setTest] = useState<TestAnswer | { error: string; ok?: undefined }>();
  const [testing, setTesting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const h = c.health;
  const label = (id: number) => props.accounts.find((a) => a.id === id)?.label ?? `account ${id}`;

  const sendTest = async () => {
    setTest(undefined);
    setTesting(true);
    const {
      data,
      error: err,
      response,
    } = await api.POST('/api/notifications/channels/{id}/test', {
      params: { path: { id: c.id } },
    });
    setTesting(false);
    setTest(data ?? { error: errorText(err, response.status) });
    props.onChanged();
  };
  const toggle = async () => {
    const verb = c.enabled ? 'Disable' : 'Enable';
    const detail = c.enabled
      ? 'It gets no new notifications until enabled again.'
      : 'It gets the next notifications.';
    if (!(await confirm(`${verb} channel ${c.name}?`, detail))) return;
    const { error: err, response } = await api.PATCH('/api/notifications/channels/{id}', {
      params: { path: { id: c.id } },
      body: { enabled: !c.enabled },
    });
    setError(response.ok ? null : errorText(err, response.status));
    props.onChanged();
  };
  const remove = async () => {
    if (
      !(await confirm(
        `Delete channel ${c.name}?`,
        'Its settings, secrets and pending deliveries are dropped.',
      ))
    )
      return;
    const { error: err, response } = await api.DELETE('/api/notifications/channels/{id}', {
      params: { path: { id: c.id } },
    });
    setError(response.ok ? null : errorText(err, response.status));
    props.onChanged();
  };

  return (
    <div className="item" aria-label={`Channel ${c.name}`}>
      <div className="row between wrap">
        <strong>{c.name}</strong>
        <span className="muted">{CHANNEL_FORM[c.type as ChannelType]?.label ?? c.type}</span>
        <span>
          {c.enabled ? <span className="badge ok">enabled</span> : <span className="badge">disabled</span>}{' '}
          <span className={`badge ${h.status === 'ok' ? 'ok' : 'bad'}`}>{h.status}</span>
          {h.paused_until && <span className="badge warn">paused until {short(h.paused_until)}</span>}
        </span>
        {props.admin && (
          <span className="row wrap">
            <button type="button" onClick={sendTest} disabled={testing}>
              Send test message
            </button>
            <button type="button" onClick={props.onEdit}>
              Edit
            </button>
            <button type="button" onClick={toggle}>
              {c.enabled ? 'Disable' : 'Enable'}
            </button>
            <button type="button" className="danger" onClick={remove}>
              Delete
            </button>
          </span>
        )}
      </div>
      <p className="muted small">{describe(c)}</p>
      <p className="small">
        Events:{' '}
        {c.events.length === 0
          ? 'none'
          : c.events.length === Object.keys(KIND_LABELS).length
            ? 'every event'
            : c.events.map((k) => KIND_LABELS[k as keyof typeof KIND_LABELS] ?? k).join(', ')}
        {' · '}
        {c.account_ids === null ? 'every account' : `only ${c.account_ids.map(label).join(', ')}`}
      </p>
      <p className="small">
        Deliveries: {c.deliveries.sent} sent, {c.deliveries.pending} pending,{' '}
        <span className={c.deliveries.failed > 0 ? 'error' : undefined}>{c.deliveries.failed} failed</span>
        {' · '}last success <span title={when(h.last_success_at)}>{short(h.last_success_at)}</span>
        {h.consecutive_failures > 0 && ` · ${h.consecutive_failures} failure(s) in a row`}
      </p>
      {h.last_error && (
        <p className="error small">
          Last error <span title={when(h.last_failure_at)}>{short(h.last_failure_at)}</span>: {h.last_error}
        </p>
      )}
      {testing && <p className="muted">Sending a test message…</p>}
      {test?.ok && (
        <p role="status" className="ok">
          Test message sent{test.status !== null ? ` (status ${test.status})` : ''}.
        </p>
      )}
      {test && !test.ok && (
        <p role="alert" className="error">
          Test message failed: {test.error ?? 'no reason given'}
          {'retry_after_ms' in test &&
            test.retry_after_ms !== null &&
            ` (asked to wait ${test.retry_after_ms} ms)`}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <Deliveries id={c.id} />
    </div>
  );
}

/** The channel's latest deliveries, read when opened. */
function Deliveries({ id }: { id: number }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Recent deliveries</summary>
      {open && <DeliveryTable id={id} />}
    </details>
  );
}

function DeliveryTable({ id }: { id: number }) {
  const list = useApi(
    () =>
      must(
        api.GET('/api/notifications/channels/{id}/deliveries', {
          params: { path: { id }, query: { limit: 20 } },
        }),
      ),
    `deliveries-${id}`,
  );
  if (!list.data) return <Status loading={list.loading} error={list.error} />;
  if (list.data.items.length === 0) return <Empty>No delivery yet (test messages are not recorded).</Empty>;
  return (
    <div className="scroll">
      <table>
        <caption className="sr-only">Latest deliveries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {list.data.items.map((d) => (
            <tr key={d.id} className={d.status === 'FAILED' ? 'failed' : undefined}>
              <td title={when(d.occurred_at)}>{short(d.occurred_at)}</td>
              <td>
                {d.title} <span className="muted">{d.kind}</span>
              </td>
              <td>
                <Badge value={d.status} />
                {d.next_attempt_at && <span className="muted"> next {short(d.next_attempt_at)}</span>}
              </td>
              <td>{d.attempts}</td>
              <td className="error">{d.last_error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
