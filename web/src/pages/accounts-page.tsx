import { api, must, type Schemas } from '../api/client';
import { useApi } from '../api/use-api';
import { money, pnl, position, price } from '../format/money';
import { short, when } from '../format/time';
import { Badge, Empty, Section, Status } from '../ui/bits';
import { EquityChart } from '../ui/equity-chart';
import { Gauge } from '../ui/gauge';
import { Link } from '../ui/link';

type Card = Schemas['AccountCardDto'];

/**
 * The home page: one card per trading account, with the room the risk gate leaves it; `/accounts/{id}` (a
 * notification's link) shows that account's card alone.
 */
export function AccountsPage({ focus = null }: { focus?: number | null }) {
  const cards = useApi(() => must(api.GET('/api/dashboard/accounts')), 'cards', [
    'accounts',
    'halts',
    'sync',
  ]);
  const programs = useApi(() => must(api.GET('/api/prop-registry/programs')), 'programs');
  const programName = (id: number | null) =>
    id === null ? 'env account' : (programs.data?.programs.find((p) => p.id === id)?.name ?? `program ${id}`);
  const shown = cards.data?.items.filter((c) => focus === null || c.account_id === focus);
  return (
    <Section
      title={focus === null ? 'Accounts' : `Account #${focus}`}
      actions={focus !== null && <Link href="/accounts">Every account</Link>}
    >
      <Status loading={cards.loading && !cards.data} error={cards.error} />
      {focus === null && cards.data?.items.length === 0 && (
        <Empty>No trading accounts yet: add one under Accounts &amp; connections.</Empty>
      )}
      {focus !== null && shown?.length === 0 && <Empty>No trading account #{focus}.</Empty>}
      <div className="cards">
        {shown?.map((c) => (
          <AccountCard key={c.account_id} card={c} program={programName(c.program_id)} />
        ))}
      </div>
    </Section>
  );
}

function AccountCard({ card: c, program }: { card: Card; program: string }) {
  const s = c.state;
  return (
    <article className="card" aria-label={`Account ${c.label}`}>
      <header className="row between">
        <h3>{c.label}</h3>
        <span>
          {c.halted && <span className="badge bad">HALTED</span>}
          {c.flat_by && <span className="badge warn">FLAT BY {c.flat_by.flat_by}</span>}
          {!c.enabled && <span className="badge">disabled</span>}
        </span>
      </header>
      <p className="muted">
        {c.firm_code} · {program} · {c.phase} · {c.platform ?? 'no platform'}
      </p>
      <p className="muted">
        {c.sync ? (
          <>
            sync <Badge value={c.sync.mode} /> last heard{' '}
            <span title={when(c.sync.last_event_at)}>{short(c.sync.last_event_at)}</span>
          </>
        ) : (
          'No sync for this connection'
        )}
      </p>
      {s ? <StateFigures s={s} /> : <p className="muted">No account state yet.</p>}
      {c.halts.map((h) => (
        <p key={h.id} className="error">
          Halted ({h.scope}) by {h.created_by} {short(h.created_at)}: {h.reason}
          {h.expires_at && ` — until ${when(h.expires_at)}`}
        </p>
      ))}
      {c.flat_by && (
        <p className="error">
          Flat by {c.flat_by.flat_by}: entries reopen {when(c.flat_by.reopens_at)}
        </p>
      )}
      {s && <Equity id={c.account_id} label={c.label} />}
    </article>
  );
}

function StateFigures({ s }: { s: NonNullable<Card['state']> }) {
  return (
    <>
      <dl className="figures">
        <dt>Balance</dt>
        <dd className="num">{money(s.balance)}</dd>
        <dt>Today's P&amp;L</dt>
        <dd className="num">{pnl(s.pnl_today)}</dd>
        <dt>Open position</dt>
        <dd>
          {s.positions.length === 0
            ? 'flat'
            : s.positions.map((p) => (
                <span key={p.symbol} className="num">
                  {position(p.quantity, p.symbol)}
                  {p.avg_price !== null && ` @ ${price(p.avg_price)}`}{' '}
                </span>
              ))}
        </dd>
        <dt>Trading day</dt>
        <dd title={`ends ${when(s.trading_day_ends_at)}`}>{s.trading_day}</dd>
      </dl>
      <Gauge label="Daily loss left" left={s.daily_loss_left} limit={s.daily_loss_limit} />
      <Gauge label="Drawdown left" left={s.drawdown_left} limit={s.drawdown_limit} />
      <p className="muted small">
        {s.synced ? 'synced from the platform' : 'typed in'}, updated{' '}
        <span title={when(s.updated_at)}>{short(s.updated_at)}</span>
        {s.drawdown_floor !== null && ` · floor ${money(s.drawdown_floor)}`}
      </p>
    </>
  );
}

function Equity({ id, label }: { id: number; label: string }) {
  const curve = useApi(
    () =>
      must(api.GET('/api/accounts/{id}/equity', { params: { path: { id }, query: { max_points: 300 } } })),
    `equity-${id}`,
    ['accounts'],
  );
  const points = curve.data?.points ?? [];
  if (points.length === 0) return <p className="muted small">No equity history yet.</p>;
  return (
    <EquityChart
      label={label}
      points={points.map((p) => ({ at: p.at, equity: p.equity, floor: p.drawdown_floor }))}
    />
  );
}
