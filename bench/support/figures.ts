/** One measured figure beside its floor, with the target where it sets one. */
export interface Figure {
  id: string;
  scenario: string;
  label: string;
  value: number | null;
  unit: string;
  /** Which way is good: rates higher, latencies/RSS/start times lower. */
  better: 'higher' | 'lower';
  floor: { label: string; value: number | null } | null;
  /** value / floor (a rate: the fraction of the ceiling reached; a latency: times the floor). */
  ratio: number | null;
  target: number | null;
  /** Half a rate target or twice a lower-is-better target: the quick mode's failure line. */
  quickLimit: number | null;
  met: boolean | null;
  withinQuickLimit: boolean | null;
  note?: string;
}

/** A correctness check made while measuring (nothing lost, every task completed, ...). */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface FigureInput {
  id: string;
  scenario: string;
  label: string;
  value: number | null;
  unit: string;
  better: 'higher' | 'lower';
  floor?: { label: string; value: number | null };
  target?: number;
  note?: string;
}

export function figure(f: FigureInput): Figure {
  const ok = (v: number | null) => v !== null && Number.isFinite(v);
  const value = ok(f.value) ? f.value : null;
  const floorValue = f.floor && ok(f.floor.value) ? f.floor.value : null;
  const target = f.target ?? null;
  const quickLimit = target === null ? null : f.better === 'higher' ? target / 2 : target * 2;
  const passes = (limit: number | null): boolean | null => {
    if (limit === null) return null;
    if (value === null) return false;
    return f.better === 'higher' ? value >= limit : value <= limit;
  };
  return {
    id: f.id,
    scenario: f.scenario,
    label: f.label,
    value,
    unit: f.unit,
    better: f.better,
    floor: f.floor ? { label: f.floor.label, value: floorValue } : null,
    ratio: value !== null && floorValue ? value / floorValue : null,
    target,
    quickLimit,
    met: passes(target),
    withinQuickLimit: passes(quickLimit),
    ...(f.note ? { note: f.note } : {}),
  };
}

/** What every scenario hands back. */
export interface ScenarioResult {
  figures: Figure[];
  checks: Check[];
  details: Record<string, unknown>;
}
