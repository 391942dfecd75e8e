import { useMemo, useState } from 'react';
import { api, must, type Schemas } from '../api/client';
import { useApi } from '../api/use-api';
import { useIsAdmin } from '../app/me';
import { navigate } from '../app/router';
import { dec, money, percent, pnl } from '../format/money';
import { short, when } from '../format/time';
import { Badge, Empty, Section, Status } from '../ui/bits';
import { EquityChart, type ChartMarker } from '../ui/equity-chart';
import { Link } from '../ui/link';
import { SimulatorForm } from './simulator-form';

type Run = Schemas['RunResponseDto'];
type Verdict = Schemas['VerdictDto'];
type Search = Schemas['RiskSearchResultDto'];

/** The evaluation simulator: upload a trade list (admins), the runs, and a run's verdicts and curves. */
export function SimulatorPage({ id }: { id: number | null }) {
  const admin = useIsAdmin();
  const runs = useApi(
    () => must(api.GET('/api/simulator/runs', { params: { query: { limit: 50 } } })),
    'simulator-runs',
  );
  const opened = (runId: number) => (runs.reload(), navigate(`/simulator/${runId}`));
  return (
    <>
      {admin ? (
        <Section title="New simulation">
          <p className="muted small">
            Replays the trades against each program with the live risk rules, day by day: passed, failed
            (when, which rule) or not yet.
          </p>
          <SimulatorForm onRun={opened} />
        </Section>
      ) : (
        <Section title="Simulator">
          <p className="muted">
            Running a simulation needs the admin role; the runs below are open to everyone.
          </p>
        </Section>
      )}
      {id !== null && <RunDetail key={id} id={id} />}
      <Section title="Runs">
        <Status loading={runs.loading && !runs.data} error={runs.error} />
        {runs.data && runs.data.items.length === 0 && <Empty>No simulation yet.</Empty>}
        {runs.data && runs.data.items.length > 0 && (
          <div className="scroll">
            <table>
              <caption className="sr-only">Simulator runs, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  <th scope="col">When</th>
                  <th scope="col">By</th>
                  <th scope="col">Format</th>
                  <th scope="col">Trades</th>
                  <th scope="col">Programs</th>
                  <th scope="col">Passed</th>
                  <th scope="col">Failed</th>
                  <th scope="col">Not yet</th>
                </tr>
              </thead>
              <tbody>
                {runs.data.items.map((r) => (
                  <tr key={r.id} aria-current={r.id === id ? 'true' : undefined}>
                    <td>
                      <Link href={`/simulator/${r.id}`}>Run #{r.id}</Link>
                    </td>
                    <td>{short(r.created_at)}</td>
                    <td>{r.created_by}</td>
                    <td>{r.format}</td>
                    <td className="num">{r.trades}</td>
                    <td className="num">{r.programs}</td>
                    <td className="num">{r.passed}</td>
                    <td className="num">{r.failed}</td>
                    <td className="num">{r.not_yet}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </>
  );
}

function RunDetail({ id }: { id: number }) {
  const run = useApi(
    () => must(api.GET('/api/simulator/runs/{id}', { params: { path: { id } } })),
    `simulator-run-${id}`,
  );
  const [selected, setSelected] = useState<number | null>(null);
  const r = run.data;
  const verdicts = r?.report.verdicts ?? [];
  const shown = verdicts.find((v) => v.program_id === selected) ?? null;
  return (
    <Section title={`Run #${id}`}>
      <Status loading={run.loading && !r} error={run.error} />
      {r && (
        <>
          <RunHeadline run={r} />
          <div className="scroll">
            <table>
              <caption className="sr-only">Verdicts per program</caption>
              <thead>
                <tr>
                  <th scope="col">Program</th>
                  <th scope="col">Verdict</th>
                  <th scope="col">Days traded</th>
                  <th scope="col">Trades</th>
                  <th scope="col">Profit</th>
                  <th scope="col">Max drawdown used</th>
                  <th scope="col">Worst day</th>
                  <th scope="col">Consistency</th>
                  <th scope="col">Highest passing risk</th>
                  <th scope="col">Curve</th>
                </tr>
              </thead>
              <tbody>
                {verdicts.map((v) => (
                  <tr key={v.program_id} aria-label={`Verdict ${programName(v)}`}>
                    <th scope="row">{programName(v)}</th>
                    <td>
                      <Badge value={v.status} /> <VerdictText v={v} />
                    </td>
                    <td className="num">
                      {v.days_traded}
                      {v.min_trading_days !== null && ` of ${v.min_trading_days}`}
                    </td>
                    <td>
                      <TradesTaken v={v} />
                    </td>
                    <td className="num">
                      {pnl(v.profit)}
                      {v.profit_target !== null && (
                        <span className="muted small"> target {money(v.profit_target)}</span>
                      )}
                    </td>
                    <td className="num">
                      {v.max_drawdown_used_percent === null
                        ? '—'
                        : `${dec(v.max_drawdown_used_percent).toDecimalPlaces(2).toFixed()}%`}
                    </td>
                    <td>
                      {v.worst_day ? (
                        <>
                          {pnl(v.worst_day.pnl)} on {v.worst_day.trading_day}
                          {v.worst_day.daily_limit !== null && v.worst_day.daily_limit !== undefined && (
                            <span className="muted small"> limit {money(v.worst_day.daily_limit)}</span>
                          )}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      <Consistency c={v.consistency} />
                    </td>
                    <td>
                      <HighestPassing s={r.report.search?.find((s) => s.program_id === v.program_id)} />
                    </td>
                    <td>
                      {v.curve && v.curve.length > 0 ? (
                        <button
                          type="button"
                          aria-pressed={selected === v.program_id}
                          aria-label={`Show the curve of ${programName(v)}`}
                          onClick={() => setSelected(selected === v.program_id ? null : v.program_id)}
                        >
                          {selected === v.program_id ? 'Hide curve' : 'Show curve'}
                        </button>
                      ) : (
                        <span className="muted small">not stored</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {shown && <ProgramCurve v={shown} />}
        </>
      )}
    </Section>
  );
}

/** Trades replayed, those the live gate refused (by rule) and those it sized down to fit (risk runs). */
function TradesTaken({ v }: { v: Verdict }) {
  const byRule = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([rule, n]) => `${rule} ${n}`)
      .join(', ');
  return (
    <>
      {v.trades_replayed} replayed
      {v.skipped.count > 0 && (
        <div className="muted small">
          {v.skipped.count} refused ({byRule(v.skipped.by_rule)})
        </div>
      )}
      {v.capped && v.capped.count > 0 && (
        <div className="muted small">
          {v.capped.count} sized down to fit ({byRule(v.capped.by_rule)})
        </div>
      )}
    </>
  );
}

function RunHeadline({ run }: { run: Run }) {
  const s = run.report.sizing;
  const sizing =
    s.mode === 'risk'
      ? `re-sized at ${percent(s.risk_percent ?? null)} risk${s.stop_points ? `, stop ${s.stop_points} points` : ''}`
      : s.mode === 'multiplier'
        ? `scaled × ${s.multiplier}`
        : 'as traded';
  return (
    <p>
      {run.trades} trades ({run.format}) from {when(run.report.first_entry_at)} to{' '}
      {when(run.report.last_exit_at)}, {sizing}, {run.report.phase} phase, {run.programs} programs:{' '}
      {run.passed} passed, {run.failed} failed, {run.not_yet} not yet. By {run.created_by},{' '}
      {when(run.created_at)}.
    </p>
  );
}

function programName(v: Verdict): string {
  return `${v.firm_code} ${v.program_name} ${money(v.account_size).replace(/\.00$/, '')}`;
}

/** PASSED on a day; FAILED: day, time, rule, equity vs the limit; NOT_YET: why. */
function VerdictText({ v }: { v: Verdict }) {
  if (v.status === 'PASSED') return <span>on {v.passed_on}</span>;
  if (v.failure) return <span>{failureText(v.failure)}</span>;
  return <span className="small">{v.not_yet.join('; ')}</span>;
}

function failureText(f: NonNullable<Verdict['failure']>): string {
  const limit =
    f.rule === 'PER_TRADE_LOSS_LIMIT' ? `loss limit ${money(f.limit)}` : `limit ${money(f.limit)}`;
  return `${f.trading_day} ${when(f.at)}, ${f.rule}: equity ${money(f.equity)} vs ${limit}${f.intra_trade ? ' (inside the trade)' : ''}`;
}

function Consistency({ c }: { c: Verdict['consistency'] }) {
  if (c.ratio === null) return <>—</>;
  return (
    <>
      best day {percent(c.ratio)} of profit
      {c.max_day_fraction !== null && <span className="muted small"> cap {percent(c.max_day_fraction)}</span>}
      {c.blocked_pass_days > 0 && (
        <span className="error small"> blocked a pass on {c.blocked_pass_days} days</span>
      )}
    </>
  );
}

function HighestPassing({ s }: { s: Search | undefined }) {
  if (!s) return <>—</>;
  if (s.highest_passing === null) return <span className="small">{s.note ?? 'none passes'}</span>;
  return (
    <>
      {percent(s.highest_passing, 4)}
      {s.next_step && (
        <span className="muted small">
          {' '}
          ({percent(s.next_step.risk_percent, 4)}: {s.next_step.status}
          {s.next_step.rule ? ` ${s.next_step.rule}` : ''})
        </span>
      )}
    </>
  );
}

/** The program's equity against its drawdown floor and daily-loss line, the failure point marked. */
function ProgramCurve({ v }: { v: Verdict }) {
  const points = useMemo(
    () =>
      (v.curve ?? []).map((p) => ({
        at: p.at,
        equity: p.equity,
        floor: p.floor,
        dailyLoss: p.daily_loss_line,
      })),
    [v],
  );
  const markers = useMemo<ChartMarker[]>(
    () => (v.failure ? [{ at: v.failure.at, text: `FAILED ${v.failure.rule}` }] : []),
    [v],
  );
  return (
    <figure className="sim-curve" aria-label={`Curve of ${programName(v)}`}>
      <EquityChart label={programName(v)} points={points} markers={markers} height={260} />
      <figcaption className="small">
        <span className="legend equity">equity</span> <span className="legend floor">drawdown floor</span>{' '}
        <span className="legend daily">daily-loss line</span>
        {v.failure ? (
          <strong className="error">
            {' '}
            Failure marked: FAILED {v.failure.rule} — {failureText(v.failure)}
          </strong>
        ) : (
          <span> {v.status === 'PASSED' ? `Passed on ${v.passed_on}.` : 'No failure.'}</span>
        )}
      </figcaption>
    </figure>
  );
}
