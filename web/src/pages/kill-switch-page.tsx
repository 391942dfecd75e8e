import { useState, type FormEvent } from 'react';
import { api, errorText, must, type Schemas } from '../api/client';
import { useApi } from '../api/use-api';
import { useIsAdmin } from '../app/me';
import { short, when } from '../format/time';
import { Badge, Empty, Section, Status } from '../ui/bits';
import { useConfirm } from '../ui/confirm';

type Scope = 'global' | 'firm' | 'account';
type Halt = Schemas['HaltResponseDto'];

async function loadTargets() {
  const [firms, accounts] = await Promise.all([
    must(api.GET('/api/prop-registry/firms')),
    must(api.GET('/api/accounts', { params: { query: { limit: 200 } } })),
  ]);
  return { firms: firms.firms, accounts: accounts.items };
}

export function KillSwitchPage() {
  if (!useIsAdmin())
    return (
      <Section title="Kill switch">
        <p>
          The kill switch and its history are the admin's: halting, flattening, clearing, and who did what.
        </p>
      </Section>
    );
  return <AdminKillSwitch />;
}

function AdminKillSwitch() {
  const halts = useApi(
    () => must(api.GET('/api/risk/halts', { params: { query: { limit: 200 } } })),
    'halts',
    ['halts'],
  );
  const targets = useApi(loadTargets, 'targets', ['accounts']);
  return (
    <>
      {targets.data && <HaltForm {...targets.data} onDone={halts.reload} />}
      <Section title="Halts: who did what">
        <Status loading={halts.loading && !halts.data} error={halts.error} />
        {halts.data?.items.length === 0 && <Empty>No halt was ever set.</Empty>}
        {halts.data && halts.data.items.length > 0 && (
          <HaltTable
            halts={halts.data.items}
            accounts={targets.data?.accounts ?? []}
            onChanged={halts.reload}
          />
        )}
      </Section>
    </>
  );
}

function HaltForm({
  firms,
  accounts,
  onDone,
}: Awaited<ReturnType<typeof loadTargets>> & { onDone: () => void }) {
  const confirm = useConfirm();
  const [scope, setScope] = useState<Scope>('global');
  const [firm, setFirm] = useState('');
  const [accountId, setAccountId] = useState('');
  const [reason, setReason] = useState('');
  const [flatten, setFlatten] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const target =
    scope === 'global'
      ? 'every firm'
      : scope === 'firm'
        ? `firm ${firm}`
        : `account ${accounts.find((a) => String(a.id) === accountId)?.label ?? ''}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const what = `${flatten ? 'Halt and flatten' : 'Halt'} ${target}?`;
    if (!(await confirm(what, `Reason: ${reason}. New entries are refused until the halt is cleared.`)))
      return;
    const body: Schemas['CreateHaltRequestDto'] = { reason, ...(flatten ? { flatten: true } : {}) };
    if (scope === 'firm') body.firm_code = firm;
    if (scope === 'account') body.account_id = Number(accountId);
    const { data, error, response } = await api.POST('/api/risk/halts', { body });
    if (!data) return setMessage({ ok: false, text: errorText(error, response.status) });
    const flattened = data.flattens
      ? ` — flattened: ${data.flattens.map((f) => `${f.account_label} ${f.status}`).join(', ')}`
      : '';
    setMessage({ ok: true, text: `Halt #${data.id} set on ${target}${flattened}` });
    setReason('');
    onDone();
  };
  return (
    <Section title="Kill switch">
      <form className="grid-form" onSubmit={submit} aria-label="Set a halt">
        <fieldset>
          <legend>Scope</legend>
          {(['global', 'firm', 'account'] as Scope[]).map((s) => (
            <label key={s} className="inline">
              <input type="radio" name="scope" value={s} checked={scope === s} onChange={() => setScope(s)} />
              {s === 'global' ? 'Every firm' : s === 'firm' ? 'One firm' : 'One account'}
            </label>
          ))}
        </fieldset>
        {scope === 'firm' && (
          <label>
            Firm
            <select required value={firm} onChange={(e) => setFirm(e.target.value)}>
              <option value="">choose…</option>
              {firms.map((f) => (
                <option key={f.code} value={f.code}>
                  {f.code} — {f.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {scope === 'account' && (
          <label>
            Account
            <select required value={accountId} onChange={(e) => setAccountId(e.target.value)}>
              <option value="">choose…</option>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label} ({a.firm_code})
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Reason
          <input
            required
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="e.g. FOMC at 14:00"
          />
        </label>
        <label className="inline">
          <input type="checkbox" checked={flatten} onChange={(e) => setFlatten(e.target.checked)} />
          Also flatten the accounts it reaches
        </label>
        <div className="row">
          <button type="submit" className="danger">
            {flatten ? 'Halt and flatten' : 'Halt'}
          </button>
        </div>
        {message && (
          <p role="status" className={message.ok ? 'ok' : 'error'}>
            {message.text}
          </p>
        )}
      </form>
    </Section>
  );
}

function HaltTable({
  halts,
  accounts,
  onChanged,
}: {
  halts: Halt[];
  accounts: Schemas['AccountResponseDto'][];
  onChanged: () => void;
}) {
  const confirm = useConfirm();
  const [error, setError] = useState<string | null>(null);
  const clear = async (h: Halt) => {
    if (!(await confirm(`Clear halt #${h.id}?`, `Entries are allowed again for ${scopeText(h, accounts)}.`)))
      return;
    const { error: err, response } = await api.DELETE('/api/risk/halts/{id}', {
      params: { path: { id: h.id } },
    });
    setError(response.ok ? null : errorText(err, response.status));
    onChanged();
  };
  const sorted = [...halts].sort((a, b) => Number(b.active) - Number(a.active) || b.id - a.id);
  return (
    <div className="scroll">
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">State</th>
            <th scope="col">Scope</th>
            <th scope="col">Reason</th>
            <th scope="col">Set by</th>
            <th scope="col">Cleared by</th>
            <th scope="col">Expires</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((h) => (
            <tr key={h.id}>
              <td>{h.active ? <span className="badge bad">ACTIVE</span> : <Badge value="cleared" />}</td>
              <td>{scopeText(h, accounts)}</td>
              <td>{h.reason}</td>
              <td title={when(h.created_at)}>
                {h.created_by} · {short(h.created_at)}
              </td>
              <td title={when(h.cleared_at)}>
                {h.cleared_by ? `${h.cleared_by} · ${short(h.cleared_at)}` : '—'}
              </td>
              <td>{h.expires_at ? when(h.expires_at) : 'until cleared'}</td>
              <td>
                {h.active && (
                  <button type="button" onClick={() => clear(h)}>
                    Clear
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function scopeText(h: Halt, accounts: Schemas['AccountResponseDto'][]): string {
  if (h.scope === 'global') return 'every firm';
  if (h.scope === 'firm') return `firm ${h.firm_code}`;
  return `account ${accounts.find((a) => a.id === h.account_id)?.label ?? h.account_id}`;
}
