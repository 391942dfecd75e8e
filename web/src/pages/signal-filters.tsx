import type { Paths } from '../api/client';
import { setQuery } from '../app/router';

export type FeedQuery = NonNullable<Paths['/api/execution/signals']['get']['parameters']['query']>;
type Outcome = NonNullable<FeedQuery['outcome']>;
const OUTCOMES: Outcome[] = ['ROUTED', 'PARTIAL', 'REJECTED', 'FAILED_TO_SEND', 'DRY_RUN', 'NOTHING_TO_DO'];

/** The feed's filters live in the URL (?outcome=…&firm=…), so a filtered view can be shared or reloaded. */
export function feedQuery(q: URLSearchParams): FeedQuery {
  const account = Number(q.get('account'));
  const since = q.get('since');
  return {
    limit: 50,
    outcome: (q.get('outcome') as Outcome | null) ?? undefined,
    firm_code: q.get('firm') || undefined,
    symbol: q.get('symbol') || undefined,
    account_id: Number.isInteger(account) && account > 0 ? account : undefined,
    since: since ? new Date(since).toISOString() : undefined,
  };
}

export function SignalFilters(props: { query: URLSearchParams; accounts: { id: number; label: string }[] }) {
  const q = props.query;
  const current = {
    outcome: q.get('outcome') ?? undefined,
    firm: q.get('firm') ?? undefined,
    symbol: q.get('symbol') ?? undefined,
    account: q.get('account') ?? undefined,
    since: q.get('since') ?? undefined,
  };
  const set = (k: keyof typeof current, v: string) => setQuery({ ...current, [k]: v });
  return (
    <form className="filters" aria-label="Signal filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        Outcome
        <select value={current.outcome ?? ''} onChange={(e) => set('outcome', e.target.value)}>
          <option value="">any</option>
          {OUTCOMES.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      </label>
      <label>
        Account
        <select value={current.account ?? ''} onChange={(e) => set('account', e.target.value)}>
          <option value="">any</option>
          {props.accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Firm
        <input
          value={current.firm ?? ''}
          placeholder="APEX"
          onChange={(e) => set('firm', e.target.value.toUpperCase())}
        />
      </label>
      <label>
        Symbol
        <input
          value={current.symbol ?? ''}
          placeholder="NQ"
          onChange={(e) => set('symbol', e.target.value.toUpperCase())}
        />
      </label>
      <label>
        Since
        <input
          type="datetime-local"
          value={current.since ?? ''}
          onChange={(e) => set('since', e.target.value)}
        />
      </label>
    </form>
  );
}
