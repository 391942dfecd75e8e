import type { RunSummary, StoredRun } from '../application/ports/simulator-runs.port';
import type { RunResponseDto, RunSummaryDto } from './dto/run.response.dto';

/** The API's snake_case (seed style) of a stored run; rule names (upper case) and day keys stay as they are. */
export function presentSummary(r: RunSummary): RunSummaryDto {
  return {
    id: r.id,
    created_at: r.createdAt.toISOString(),
    created_by: r.createdBy,
    format: r.format,
    trades: r.trades,
    programs: r.programs,
    passed: r.passed,
    failed: r.failed,
    not_yet: r.notYet,
    parameters: r.parameters,
  };
}

export function presentRun(r: StoredRun): RunResponseDto {
  return { ...presentSummary(r), report: snake(r.report) as RunResponseDto['report'] };
}

function snake(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(snake);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [
      /^[A-Z0-9_]+$/.test(k) ? k : k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
      snake(x),
    ]),
  );
}
