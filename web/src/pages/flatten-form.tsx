import { useState, type FormEvent } from 'react';
import { api, errorText, type Schemas } from '../api/client';
import { contracts } from '../format/money';
import { Badge, Section } from '../ui/bits';
import { useConfirm } from '../ui/confirm';

type Outcome = Schemas['FlattenOutcomeDto'];
type Scope = 'all' | 'firm' | 'tag' | 'account';

/** Flatten now, without halting: every enabled account, a firm's, a tag's, or one account; with a reason. */
export function FlattenForm(props: {
  firms: Schemas['FirmSummaryResponseDto'][];
  accounts: Schemas['AccountResponseDto'][];
}) {
  const confirm = useConfirm();
  const [scope, setScope] = useState<Scope>('all');
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<{ items: Outcome[] } | { error: string }>();
  const tags = [...new Set(props.accounts.flatMap((a) => a.tags))].sort();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const what =
      scope === 'all'
        ? 'every enabled account'
        : scope === 'account'
          ? `account ${props.accounts.find((a) => String(a.id) === target)?.label}`
          : `${scope} ${target}`;
    if (
      !(await confirm(
        `Flatten ${what}?`,
        'Open positions are closed and working orders cancelled at the platforms.',
      ))
    )
      return;
    const answer =
      scope === 'account'
        ? await api.POST('/api/accounts/{id}/flatten', {
            params: { path: { id: Number(target) } },
            body: { reason },
          })
        : await api.POST('/api/accounts/flatten', {
            body: {
              reason,
              ...(scope === 'all'
                ? { all: true }
                : scope === 'firm'
                  ? { firm_code: target }
                  : { tag: target }),
            },
          });
    const { data, error, response } = answer as {
      data?: Outcome | { items: Outcome[] };
      error?: unknown;
      response: Response;
    };
    if (!data) return setResult({ error: errorText(error, response.status) });
    setResult({ items: 'items' in data ? data.items : [data] });
  };
  const options =
    scope === 'firm'
      ? props.firms.map((f) => [f.code, f.code])
      : scope === 'tag'
        ? tags.map((t) => [t, t])
        : props.accounts.map((a) => [String(a.id), `${a.label} (${a.firm_code})`]);
  return (
    <Section title="Flatten now">
      <form className="grid-form" onSubmit={submit} aria-label="Flatten accounts">
        <label>
          Which accounts
          <select value={scope} onChange={(e) => (setScope(e.target.value as Scope), setTarget(''))}>
            <option value="all">every enabled account</option>
            <option value="firm">a firm's</option>
            <option value="tag">a tag's</option>
            <option value="account">one account</option>
          </select>
        </label>
        {scope !== 'all' && (
          <label>
            {scope === 'firm' ? 'Firm to flatten' : scope === 'tag' ? 'Tag to flatten' : 'Account to flatten'}
            <select required value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">choose…</option>
              {options.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Reason for flattening
          <input required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <div className="row">
          <button type="submit" className="danger">
            Flatten
          </button>
        </div>
        {result && 'error' in result && (
          <p role="alert" className="error">
            {result.error}
          </p>
        )}
        {result && 'items' in result && (
          <ul role="status" className="list wide">
            {result.items.length === 0 && <li>No enabled account matched.</li>}
            {result.items.map((o) => (
              <li key={o.account_id}>
                {o.account_label}: <Badge value={o.status} />{' '}
                {o.closed.map((c) => `${c.symbol} ${contracts(c.quantity)}`).join(', ')}
                {o.cancelled_orders > 0 && ` · ${o.cancelled_orders} orders cancelled`}
                {o.error && <span className="error"> · {o.error}</span>}
              </li>
            ))}
          </ul>
        )}
      </form>
    </Section>
  );
}
