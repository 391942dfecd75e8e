import { api, must, type Schemas } from '../api/client';
import { useApi } from '../api/use-api';
import { useIsAdmin } from '../app/me';
import { dec, money, pnl, position } from '../format/money';
import { short } from '../format/time';
import { Badge, Empty, Section, Status } from '../ui/bits';
import { Gauge } from '../ui/gauge';

type Account = Schemas['AccountResponseDto'];
type State = Schemas['AccountStateResponseDto'];
type Halt = Schemas['HaltResponseDto'];

interface Card {
  account: Account;
  state: State | null;
  program: Schemas['ProgramResponseDto'] | undefined;
  sync: Schemas['ConnectionSyncDto'] | undefined;
  halts: Halt[];
}

/** Halts are read by an admin only (the kill switch's reads are the admin's). */
async function loadCards(admin: boolean): Promise<Card[]> {
  const [accounts, halts, sync, programs, states] = await Promise.all([
    must(api.GET('/api/accounts', { params: { query: { limit: 200 } } })),
    admin
      ? must(api.GET('/api/risk/halts', { params: { query: { active_only: true, limit: 200 } } }))
      : { items: [] as Halt[] },
    must(api.GET('/api/sync/status')),
    must(api.GET('/api/prop-registry/programs')),
    must(api.GET('/api/risk/accounts', { params: { query: { limit: 200 } } })),
  ]);
  return accounts.items.map((account) => ({
    account,
    state: states.items.find((s) => s.account_id === account.id) ?? null,
    program: programs.programs.find((p) => p.id === account.program_id),
    sync: sync.items.find((s) => s.connection_id === account.connection_id),
    halts: halts.items.filter(
      (h) =>
        h.scope === 'global' ||
        (h.scope === 'firm' && h.firm_code === account.firm_code) ||
        h.account_id === account.id,
    ),
  }));
}

export function AccountsPage() {
  const admin = useIsAdmin();
  const cards = useApi(() => loadCards(admin), 'cards', ['accounts', 'halts', 'sync']);
  return (
    <Section title="Accounts">
      <Status loading={cards.loading && !cards.data} error={cards.error} />
      {cards.data?.length === 0 && (
        <Empty>No trading accounts yet: add one under Accounts &amp; connections.</Empty>
      )}
      <div className="cards">
        {cards.data?.map((c) => (
          <AccountCard key={c.account.id} card={c} />
        ))}
      </div>
    </Section>
  );
}

function AccountCard({ card }: { card: Card }) {
  const { account: a, state: s, program: p, halts } = card;
  const today = s ? dec(s.realized_pnl_today).plus(s.open_pnl).toFixed() : null;
  return (
    <article className="card" aria-label={`Account ${a.label}`}>
      <header className="row between">
        <h3>{a.label}</h3>
        {halts.length > 0 ? (
          <span className="badge bad">HALTED</span>
        ) : !a.enabled ? (
          <span className="badge">disabled</span>
        ) : null}
      </header>
      <p className="muted">
        {a.firm_code} · {p?.name ?? (a.program_id === null ? 'env account' : `program ${a.program_id}`)} ·{' '}
        {a.phase}
      </p>
      <p className="muted">
        {a.platform ?? 'no platform'} {a.platform_account ?? ''} · sync{' '}
        {card.sync ? <Badge value={card.sync.mode} /> : <span>no sync for this connection</span>}
      </p>
      <dl className="figures">
        <dt>Balance</dt>
        <dd className="num">{money(s?.balance)}</dd>
        <dt>Today's P&amp;L</dt>
        <dd className="num">{pnl(today)}</dd>
        <dt>Open position</dt>
        <dd>{s ? position(s.open_contracts, s.position_symbol) : '—'}</dd>
        <dt>Trading day</dt>
        <dd>{s?.trading_day ?? '—'}</dd>
      </dl>
      <Gauge label="Daily loss left" left={null} limit={p?.max_daily_loss} />
      <Gauge label="Drawdown left" left={null} limit={p?.max_total_loss} />
      {halts.map((h) => (
        <p key={h.id} className="error">
          Halted ({h.scope}) by {h.created_by}: {h.reason}
        </p>
      ))}
      {s && (
        <p className="muted small">
          state {s.source}, updated {short(s.updated_at)}
        </p>
      )}
    </article>
  );
}
