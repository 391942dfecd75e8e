import { AppError } from '../../platform/errors/app-error';
import type { ProgramSelection, SizingChoice } from '../application/ports/replay-simulator.port';
import type { RunRequest } from '../application/simulator-runs.service';
import type { CreateRunRequestDto } from './dto/create-run.request.dto';

/** The request body as the run service's request; every cross-field problem in one 400. */
export function toRunRequest(b: CreateRunRequestDto, createdBy: string): RunRequest {
  const problems: string[] = [];
  const programs = selectionOf(b, problems);
  const sizing = sizingOf(b, problems);
  const source = sourceOf(b, problems);
  if (problems.length > 0 || !programs || !sizing || !source) throw AppError.validation(problems);
  const { file: _file, ...parameters } = b;
  return {
    source,
    createdBy,
    parameters: { ...parameters },
    replay: {
      programs,
      sizing,
      phase: b.phase,
      news: b.news,
      curve: b.curve ?? true,
      search: b.search
        ? { step: String(b.search.step), max: String(b.search.max), stopPoints: stop(b) }
        : null,
    },
  };
}

function stop(b: CreateRunRequestDto): string | null {
  return b.stop_points === undefined ? null : String(b.stop_points);
}

function selectionOf(b: CreateRunRequestDto, problems: string[]): ProgramSelection | null {
  const given = [b.program_ids !== undefined, b.firm !== undefined, b.all === true].filter(Boolean).length;
  if (given !== 1) {
    problems.push('programs: give exactly one of program_ids, firm, or all: true');
    return null;
  }
  if (b.program_ids) return { programIds: b.program_ids };
  if (b.firm !== undefined) return { firmCode: b.firm };
  return { all: true };
}

function sizingOf(b: CreateRunRequestDto, problems: string[]): SizingChoice | null {
  const mode = b.sizing ?? 'as_traded';
  if (mode === 'as_traded') return { mode };
  if (mode === 'multiplier') {
    if (b.multiplier === undefined) problems.push('multiplier: required with sizing "multiplier"');
    return b.multiplier === undefined ? null : { mode, multiplier: b.multiplier };
  }
  if (b.risk_percent === undefined)
    problems.push('risk_percent: required with sizing "risk" (a fraction: 0.005 = 0.5 %)');
  return b.risk_percent === undefined
    ? null
    : { mode, riskPercent: String(b.risk_percent), stopPoints: stop(b) };
}

function sourceOf(b: CreateRunRequestDto, problems: string[]): RunRequest['source'] | null {
  if (b.format === 'proprouter') {
    if (b.account_id === undefined) problems.push('account_id: required with format "proprouter"');
    if (!b.from) problems.push('from: required with format "proprouter"');
    if (!b.to) problems.push('to: required with format "proprouter"');
    if (b.account_id === undefined || !b.from || !b.to) return null;
    return { format: 'proprouter', accountId: b.account_id, from: b.from, to: b.to };
  }
  if (b.file === undefined || b.file.trim() === '') {
    problems.push(`file: required with format "${b.format}" (the file's text)`);
    return null;
  }
  const timeZone = b.timezone ?? (b.format === 'tradingview' ? 'America/Chicago' : 'UTC');
  return { format: b.format, text: b.file, timeZone, symbol: b.symbol ?? null };
}
