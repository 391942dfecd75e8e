import type { ReplayReport, RiskSearchResult } from '../application/ports/replay-simulator.port';
import type { ProgramVerdict } from '../domain/verdict';

const pct = (f: number | null) => (f === null ? '—' : `${(f * 100).toFixed(2)}%`);

/** The run as a table, one line per program (what the CLI prints). */
export function verdictTable(runId: number, r: ReplayReport): string {
  const search = new Map((r.search ?? []).map((s) => [s.programId, s]));
  const header = [
    'id',
    'firm',
    'program',
    'size',
    'verdict',
    'day / rule',
    'profit',
    'days',
    'dd used',
    'worst day',
    'best/total',
  ];
  if (r.search) header.push('highest risk (next)');
  const rows = r.verdicts.map((v) => rowOf(v, r.search ? (search.get(v.programId) ?? null) : undefined));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return (
    [
      `Run ${runId}: ${r.trades} trades (${r.firstEntryAt} – ${r.lastExitAt}), sizing ${r.sizing.mode}, ${r.durationMs} ms`,
      line(header),
      ...rows.map(line),
    ].join('\n') + '\n'
  );
}

/** One program's line; `s` undefined: the run had no search. */
function rowOf(v: ProgramVerdict, s: RiskSearchResult | null | undefined): string[] {
  const row = [
    String(v.programId),
    v.firmCode,
    v.programName.slice(0, 28),
    String(v.accountSize),
    v.status,
    outcome(v),
    v.profit.toFixed(2),
    `${v.daysTraded}${v.minTradingDays ? `/${v.minTradingDays}` : ''}`,
    v.maxDrawdownUsedPercent === null ? '—' : `${v.maxDrawdownUsedPercent}%`,
    v.worstDay
      ? `${v.worstDay.pnl.toFixed(2)}${v.worstDay.dailyLimit ? ` / -${v.worstDay.dailyLimit}` : ''}`
      : '—',
    v.consistency.ratio === null ? '—' : v.consistency.ratio.toFixed(2),
  ];
  if (s === undefined) return row;
  return [...row, s ? `${pct(s.highestPassing)} (${s.nextStep ? pct(s.nextStep.riskPercent) : 'max'})` : '—'];
}

function outcome(v: ProgramVerdict): string {
  if (v.status === 'PASSED') return v.passedOn ?? '';
  if (v.failure) return `${v.failure.tradingDay} ${v.failure.at.slice(11, 16)}Z ${v.failure.rule}`;
  return v.notYet[0]?.slice(0, 40) ?? '';
}
