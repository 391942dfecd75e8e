import Decimal from 'decimal.js';
import { ACCOUNT_PHASES, type AccountPhase } from '../../shared-kernel/account-phase';
import { AppError } from '../../platform/errors/app-error';
import type { ProgramSelection, SizingChoice } from '../application/ports/replay-simulator.port';
import type { RunRequest } from '../application/simulator-runs.service';
import type { FileFormat } from '../domain/trade-record';

export const USAGE =
  'usage: npm run simulate -- FILE [--firm CODE | --programs 1,2 | --all] [--format tradingview|csv|json] ' +
  '[--symbol NQ1!] [--tz America/Chicago] [--risk 0.5% [--stop 10] | --multiplier 2] [--search 0.05%:2%] ' +
  '[--phase evaluation] [--no-news] [--json]';

/** `0.5%` → "0.005", `0.005` → "0.005"; null when it is not a positive number. */
export function percentArg(text: string): string | null {
  const m = /^(\d+(\.\d+)?)(%?)$/.exec(text.trim());
  if (!m) return null;
  const d = new Decimal(m[1]);
  const f = m[3] === '%' ? d.div(100) : d;
  return f.gt(0) && f.lte(1) ? f.toString() : null;
}

/** The CLI's arguments as a run request; every bad argument named in one error. */
export function cliRequest(file: string, text: string, argv: string[]): RunRequest {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const problems: string[] = [];
  const format = (value('format') ?? detect(file, text)) as FileFormat;
  if (!['tradingview', 'csv', 'json'].includes(format)) problems.push('--format: tradingview, csv or json');
  const programs: ProgramSelection = argv.includes('--all')
    ? { all: true }
    : value('programs')
      ? { programIds: value('programs')!.split(',').map(Number) }
      : { firmCode: value('firm') ?? '' };
  if ('firmCode' in programs && programs.firmCode === '')
    problems.push('--firm CODE, --programs 1,2 or --all');
  if ('programIds' in programs && programs.programIds.some((n) => !Number.isInteger(n)))
    problems.push('--programs: ids separated by commas');
  const sizing = sizingOf(value, problems);
  const search = searchOf(value('search'), problems);
  const phase = (value('phase') ?? 'evaluation') as AccountPhase;
  if (!ACCOUNT_PHASES.includes(phase)) problems.push(`--phase: one of ${ACCOUNT_PHASES.join(', ')}`);
  if (problems.length > 0) throw AppError.validation([...problems, USAGE]);
  const timeZone = value('tz') ?? (format === 'tradingview' ? 'America/Chicago' : 'UTC');
  const stopPoints = value('stop') ?? null;
  return {
    source: { format, text, timeZone, symbol: value('symbol') ?? symbolFromName(file) },
    createdBy: 'cli:simulate',
    parameters: { file, format, programs, sizing, search, phase, timezone: timeZone },
    replay: {
      programs,
      sizing,
      phase,
      news: !argv.includes('--no-news'),
      curve: true,
      search: search && { ...search, stopPoints },
    },
  };
}

function sizingOf(value: (n: string) => string | undefined, problems: string[]): SizingChoice {
  const risk = value('risk');
  if (risk !== undefined) {
    const riskPercent = percentArg(risk);
    if (!riskPercent) problems.push('--risk: a percent such as 0.5% (or a fraction such as 0.005)');
    return { mode: 'risk', riskPercent: riskPercent ?? '0', stopPoints: value('stop') ?? null };
  }
  const m = value('multiplier');
  if (m !== undefined) return { mode: 'multiplier', multiplier: m };
  return { mode: 'as_traded' };
}

function searchOf(text: string | undefined, problems: string[]) {
  if (text === undefined) return null;
  const [step, max] = text.split(':').map(percentArg);
  if (!step || !max) {
    problems.push('--search: STEP:MAX such as 0.05%:2%');
    return null;
  }
  return { step, max };
}

function detect(file: string, text: string): FileFormat {
  if (/\.json$/i.test(file)) return 'json';
  return /^\uFEFF?"?Trade #/i.test(text) ? 'tradingview' : 'csv';
}

/** TradingView names its export after the strategy and symbol (`Strategy_CME_MINI_NQ1!_2026-03-04.csv`): a guess. */
function symbolFromName(file: string): string | null {
  const m = /(?:^|[_/ ])(M?(?:NQ|ES|YM|RTY|2K|CL|GC|NG|SI|HG|ZN|ZB|6E)[A-Z0-9!]*)/i.exec(
    file.replace(/^.*\//, ''),
  );
  return m ? m[1].toUpperCase() : null;
}
