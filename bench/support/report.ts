import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { postgresServerVersion } from '../../test/support/test-database';
import type { Check, Figure } from './figures';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryMb: number;
  node: string;
  postgres: string | null;
  platform: string;
  loadAverageAtStart: number[];
}

export async function describeMachine(): Promise<Machine> {
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryMb: Math.round(totalmem() / 1024 / 1024),
    node: process.version,
    postgres: await postgresServerVersion(),
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export function gitRevision(): { revision: string | null; dirty: boolean | null } {
  const git = (...args: string[]) =>
    execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const revision = git('rev-parse', 'HEAD');
    let dirty: boolean | null = null;
    try {
      dirty = git('status', '--porcelain', '--untracked-files=no').length > 0;
    } catch {
      dirty = null;
    }
    return { revision, dirty };
  } catch {
    return { revision: null, dirty: null };
  }
}

const fmt = (v: number | null, unit = ''): string => {
  if (v === null) return '—';
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
};

function status(f: Figure, quick: boolean): string {
  if (f.target === null) return '';
  if (f.met) return 'ok';
  return quick && !f.withinQuickLimit ? 'FAIL' : 'short';
}

export function renderTable(figures: Figure[], quick: boolean): string {
  const head = ['scenario', 'figure', 'value', 'floor', 'floor value', 'ratio', 'target', 'status'];
  const rows = figures.map((f) => [
    f.scenario,
    f.label,
    fmt(f.value, f.unit),
    f.floor?.label ?? '',
    f.floor ? fmt(f.floor.value, f.unit) : '',
    f.ratio === null ? '' : `${f.ratio.toFixed(f.ratio >= 10 ? 1 : 2)}×`,
    f.target === null ? '' : `${f.better === 'higher' ? '≥' : '≤'} ${fmt(f.target, f.unit)}`,
    status(f, quick),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function renderChecks(checks: Check[]): string {
  return checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`).join('\n');
}

export function writeJson(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
}
