import { useState, type FormEvent } from 'react';
import { api, errorText, type Schemas } from '../api/client';

type Account = Schemas['AccountResponseDto'];
type Body = Schemas['CreateAccountRequestDto'];
export interface AccountChoices {
  firms: Schemas['FirmSummaryResponseDto'][];
  programs: Schemas['ProgramResponseDto'][];
  connections: Schemas['ConnectionResponseDto'][];
}

/** Creates a trading account, or edits one; `picked` prefills the platform account from a connection test. */
export function AccountForm(props: {
  choices: AccountChoices;
  existing?: Account;
  picked?: { connectionId: number; platformAccount: string; spec: string };
  onDone: (a: Account) => void;
}) {
  const { choices, existing, picked } = props;
  const [label, setLabel] = useState(existing?.label ?? '');
  const [firm, setFirm] = useState(existing?.firm_code ?? '');
  const [programId, setProgramId] = useState(String(existing?.program_id ?? ''));
  const [connectionId, setConnectionId] = useState(
    String(picked?.connectionId ?? existing?.connection_id ?? ''),
  );
  const [platformAccount, setPlatformAccount] = useState(
    picked?.platformAccount ?? existing?.platform_account ?? '',
  );
  const [spec, setSpec] = useState(picked?.spec ?? existing?.platform_account_spec ?? '');
  const [phase, setPhase] = useState<Body['phase']>(existing?.phase ?? 'evaluation');
  const [sizing, setSizing] = useState<Body['sizing_mode']>(existing?.sizing_mode ?? 'risk');
  const [amount, setAmount] = useState(sizingValue(existing));
  const [tags, setTags] = useState(existing?.tags.join(', ') ?? '');
  const [error, setError] = useState<string | null>(null);
  const programs = choices.programs.filter((p) => p.firm_code === firm);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Body = {
      label,
      firm_code: firm,
      program_id: Number(programId),
      connection_id: Number(connectionId),
      platform_account: platformAccount,
      platform_account_spec: spec === '' ? null : spec,
      phase,
      enabled: existing?.enabled ?? true,
      sizing_mode: sizing,
      tags: tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      flatten_orphans: existing?.flatten_orphans ?? false,
      ...sizingBody(sizing, amount),
    };
    const {
      data,
      error: err,
      response,
    } = existing
      ? await api.PATCH('/api/accounts/{id}', { params: { path: { id: existing.id } }, body })
      : await api.POST('/api/accounts', { body });
    if (!data) return setError(errorText(err, response.status));
    setError(null);
    props.onDone(data);
  };
  return (
    <form
      className="grid-form"
      onSubmit={submit}
      aria-label={existing ? `Edit account ${existing.label}` : 'New trading account'}
    >
      <label>
        Label
        <input required maxLength={100} value={label} onChange={(e) => setLabel(e.target.value)} />
      </label>
      <label>
        Firm
        <select required value={firm} onChange={(e) => (setFirm(e.target.value), setProgramId(''))}>
          <option value="">choose…</option>
          {choices.firms.map((f) => (
            <option key={f.code} value={f.code}>
              {f.code} — {f.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Program
        <select required value={programId} onChange={(e) => setProgramId(e.target.value)}>
          <option value="">choose…</option>
          {programs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.currency} {p.account_size})
            </option>
          ))}
        </select>
      </label>
      <label>
        Connection
        <select required value={connectionId} onChange={(e) => setConnectionId(e.target.value)}>
          <option value="">choose…</option>
          {choices.connections
            .filter((c) => c.source === 'api')
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.platform})
              </option>
            ))}
        </select>
      </label>
      <label>
        Platform account id
        <input required value={platformAccount} onChange={(e) => setPlatformAccount(e.target.value)} />
      </label>
      <label>
        Account spec (Tradovate)
        <input value={spec} onChange={(e) => setSpec(e.target.value)} />
      </label>
      <label>
        Phase
        <select value={phase} onChange={(e) => setPhase(e.target.value as Body['phase'])}>
          <option value="evaluation">evaluation</option>
          <option value="funded">funded</option>
          <option value="live">live</option>
        </select>
      </label>
      <label>
        Sizing
        <select value={sizing} onChange={(e) => setSizing(e.target.value as Body['sizing_mode'])}>
          <option value="risk">program risk rule</option>
          <option value="fixed">fixed quantity</option>
          <option value="multiplier">multiplier of the alert's quantity</option>
        </select>
      </label>
      <label>
        {sizing === 'risk'
          ? 'Risk per trade (fraction, 0.01 = 1 %; empty: the alert’s)'
          : sizing === 'fixed'
            ? 'Contracts'
            : 'Multiplier'}
        <input
          inputMode="decimal"
          value={amount}
          required={sizing !== 'risk'}
          onChange={(e) => setAmount(e.target.value)}
        />
      </label>
      <label>
        Tags (comma-separated)
        <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="evals, nq" />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary">
          {existing ? 'Save account' : 'Create account'}
        </button>
      </div>
    </form>
  );
}

function sizingValue(a: Account | undefined): string {
  if (!a) return '';
  const v =
    a.sizing_mode === 'risk'
      ? a.default_risk_percent
      : a.sizing_mode === 'fixed'
        ? a.fixed_quantity
        : a.quantity_multiplier;
  return v === null ? '' : String(v);
}

function sizingBody(mode: Body['sizing_mode'], amount: string): Partial<Body> {
  const n = amount.trim() === '' ? null : Number(amount);
  if (mode === 'risk') return { default_risk_percent: n };
  if (mode === 'fixed') return { fixed_quantity: n };
  return { quantity_multiplier: n };
}
