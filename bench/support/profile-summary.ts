import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeJson } from './report';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface ProfileSummary {
  file: string;
  activeMs: number;
  idleMs: number;
  topFunctions: { name: string; where: string; selfMs: number; percent: number }[];
  topModules: { module: string; selfMs: number; percent: number }[];
}

const IDLE = new Set(['(idle)']);

/** Hot spots by self time of every `.cpuprofile` under `dir`, printed and written beside them. */
export function summarizeProfiles(dir: string, top = 25): ProfileSummary[] {
  if (!existsSync(dir)) return [];
  const files = walk(dir).filter((f) => f.endsWith('.cpuprofile'));
  const summaries = files.map((f) => summarize(f, relative(dir, f), top));
  for (const s of summaries) console.log(`\n${render(s)}`);
  writeJson(join(dir, 'summary.json'), summaries);
  return summaries;
}

function summarize(path: string, name: string, top: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const totalHits = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0) || 1;
  const msPerHit = (profile.endTime - profile.startTime) / 1000 / totalHits;
  const byFunction = new Map<string, { name: string; where: string; hits: number }>();
  const byModule = new Map<string, number>();
  let idleHits = 0;
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    const fn = n.callFrame.functionName || '(anonymous)';
    if (IDLE.has(fn)) {
      idleHits += hits;
      continue;
    }
    const where = n.callFrame.url ? `${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : '';
    const key = `${fn}@${where}`;
    const entry = byFunction.get(key) ?? { name: fn, where, hits: 0 };
    entry.hits += hits;
    byFunction.set(key, entry);
    const mod = moduleOf(n.callFrame.url, fn);
    byModule.set(mod, (byModule.get(mod) ?? 0) + hits);
  }
  const activeHits = totalHits - idleHits || 1;
  const pct = (hits: number) => Math.round((hits / activeHits) * 1000) / 10;
  const ms = (hits: number) => Math.round(hits * msPerHit);
  return {
    file: name,
    activeMs: ms(activeHits),
    idleMs: ms(idleHits),
    topFunctions: [...byFunction.values()]
      .sort((a, b) => b.hits - a.hits)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, selfMs: ms(f.hits), percent: pct(f.hits) })),
    topModules: [...byModule.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([module, hits]) => ({ module, selfMs: ms(hits), percent: pct(hits) })),
  };
}

/** node_modules/<package>, our own dist/<context>, node internals, or V8's pseudo-frames. */
function moduleOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/dist\/([^/]+)\//.exec(url);
  if (own) return `proprouter:${own[1]}`;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  return shortUrl(url);
}

function shortUrl(url: string): string {
  const cut = url.replace(/^file:\/\//, '');
  const i = cut.lastIndexOf('node_modules/');
  if (i >= 0) return cut.slice(i + 'node_modules/'.length);
  const d = cut.indexOf('/dist/');
  return d >= 0 ? cut.slice(d + 1) : cut;
}

function render(s: ProfileSummary): string {
  const lines = [
    `CPU profile ${s.file}: ${s.activeMs} ms active, ${s.idleMs} ms idle`,
    '  by module (self time):',
  ];
  for (const m of s.topModules)
    lines.push(`    ${m.percent.toFixed(1).padStart(5)}%  ${m.selfMs} ms  ${m.module}`);
  lines.push('  by function (self time):');
  for (const f of s.topFunctions) {
    lines.push(`    ${f.percent.toFixed(1).padStart(5)}%  ${f.selfMs} ms  ${f.name}  ${f.where}`);
  }
  return lines.join('\n');
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const p = join(dir, entry);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
