import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Every architecture and size rule proven by a probe the check must reject: probe files that break one
 * rule each are written at fresh paths inside src/ (and test/), `depcruise` and `eslint` run on them, and
 * they are removed whatever happens. Controls (a pure domain file, a long unit spec) must pass, so a rule
 * that rejects everything fails here too.
 */
const ROOT = join(__dirname, '..', '..');
const TAG = `guardrail-probe-${randomBytes(4).toString('hex')}`;

interface Violation {
  from: string;
  rule: string;
}

/**
 * One probe file: where, what it imports or contains, and the rules that must reject it ([] = must pass).
 * `partner`: a second probe file in the same violation (a cycle is reported once, from either end).
 */
interface Probe {
  path: string;
  code: string;
  rules: string[];
  partner?: { path: string; code: string };
}

const reexport = (spec: string) => `export * from '${spec}';\n`;

/** The Tradovate fake where it lives today, or a stand-in fake if the fakes have moved. */
const TRADOVATE_FAKE = 'src/connectors/fakes/tradovate-fake.ts';
const fakeTarget = existsSync(join(ROOT, TRADOVATE_FAKE))
  ? { path: TRADOVATE_FAKE, own: false }
  : { path: `src/connectors/fakes/${TAG}-fake.ts`, own: true };
const fakeImport = (from: string) => relative(from, fakeTarget.path);

const ARCH_PROBES: Probe[] = [
  {
    path: `src/risk/domain/${TAG}-platform.ts`,
    code: reexport('../../platform/errors/app-error'),
    rules: ['domain-is-pure'],
  },
  {
    path: `src/risk/domain/${TAG}-fake.ts`,
    code: reexport(fakeImport(`src/risk/domain/${TAG}-fake.ts`)),
    rules: ['domain-is-pure', 'fakes-only-from-tests'],
  },
  {
    path: `src/risk/domain/${TAG}-framework.ts`,
    code: "export { Injectable } from '@nestjs/common';\n",
    rules: ['domain-is-pure'],
  },
  {
    path: `src/risk/domain/${TAG}-other-domain.ts`,
    code: reexport('../../sizing/domain/contract-specs'),
    rules: ['domain-is-pure', 'no-cross-context-internals'],
  },
  {
    path: `src/routing/application/${TAG}-infra.ts`,
    code: reexport('../infrastructure/persistence/pg-task.queue'),
    rules: ['application-not-to-own-outer-layers'],
  },
  {
    path: `src/routing/application/${TAG}-api.ts`,
    code: reexport('../api/webhook.controller'),
    rules: ['application-not-to-own-outer-layers'],
  },
  {
    path: `src/sizing/application/${TAG}-module.ts`,
    code: reexport('../../risk/risk.module'),
    rules: ['modules-only-from-composition'],
  },
  {
    // two modules importing each other: a Nest module cycle
    path: `src/sizing/${TAG}-a.module.ts`,
    code: reexport(`../risk/${TAG}-b.module`),
    rules: ['no-circular'],
    partner: { path: `src/risk/${TAG}-b.module.ts`, code: reexport(`../sizing/${TAG}-a.module`) },
  },
  {
    // settings at the context root, as routing.config.ts was
    path: `src/routing/${TAG}.config.ts`,
    code: "export { registerAs } from '@nestjs/config';\n",
    rules: ['context-has-four-rooms'],
  },
  {
    path: `src/platform/${TAG}-app-module.ts`,
    code: reexport('../app.module'),
    rules: ['platform-is-context-free'],
  },
  {
    path: `src/platform/${TAG}-context.ts`,
    code: reexport('../risk/application/ports/risk-gate.port'),
    rules: ['platform-is-context-free'],
  },
  {
    path: `src/platform/${TAG}-root.ts`,
    code: reexport('../create-app'),
    rules: ['platform-is-context-free'],
  },
  {
    path: `src/routing/infrastructure/${TAG}-fake.ts`,
    code: reexport(fakeImport(`src/routing/infrastructure/${TAG}-fake.ts`)),
    rules: ['fakes-only-from-tests'],
  },
  {
    path: `src/routing/infrastructure/${TAG}-test-support.ts`,
    code: reexport(`../../../test/${TAG}-support`),
    rules: ['no-test-code-in-src'],
  },
  {
    path: `src/shared-kernel/${TAG}-framework.ts`,
    code: "export { Injectable } from '@nestjs/common';\n",
    rules: ['shared-kernel-is-pure'],
  },
  // controls: what the rules allow
  {
    path: `src/shared-kernel/${TAG}-kernel.ts`,
    code: "import Decimal from 'decimal.js';\nexport const ONE = new Decimal(1);\n",
    rules: [],
  },
  {
    path: `src/risk/domain/${TAG}-pure.ts`,
    code:
      reexport('./trading-halt') +
      reexport(`../../shared-kernel/${TAG}-kernel`) +
      "export { DateTime } from 'luxon';\n",
    rules: [],
  },
  {
    path: `src/routing/application/${TAG}-ports.ts`,
    code: reexport('../../risk/application/ports/risk-gate.port') + reexport('../domain/signal'),
    rules: [],
  },
];

/** Support files the probes import (not checked themselves). */
const SUPPORT: { path: string; code: string }[] = [
  { path: `test/${TAG}-support.ts`, code: 'export const SUPPORT = 1;\n' },
  ...(fakeTarget.own ? [{ path: fakeTarget.path, code: 'export const FAKE = 1;\n' }] : []),
  ...ARCH_PROBES.flatMap((p) => (p.partner ? [p.partner] : [])),
];

const statements = (n: number) => Array.from({ length: n }, (_, i) => `  total += ${i};`).join('\n');
const longFunction = (name: string, n: number) =>
  `export function ${name}(): number {\n  let total = 0;\n${statements(n)}\n  return total;\n}\n`;
const manyFunctions = Array.from({ length: 40 }, (_, i) => longFunction(`f${i}`, 3)).join('\n');

const LINT_PROBES: Probe[] = [
  { path: `src/routing/application/${TAG}-long-file.ts`, code: manyFunctions, rules: ['max-lines'] },
  {
    path: `src/routing/application/${TAG}-long-function.ts`,
    code: longFunction('tooLong', 40),
    rules: ['max-lines-per-function'],
  },
  // controls: a function of exactly 40 lines, and a spec's long function, pass
  { path: `src/routing/application/${TAG}-short.ts`, code: longFunction('fits', 36), rules: [] },
  { path: `src/routing/application/${TAG}-long.spec.ts`, code: longFunction('inASpec', 60), rules: [] },
];

const archFound = new Map<string, string[]>();
const lintFound = new Map<string, string[]>();

beforeAll(async () => {
  const created: string[] = [];
  const createdDirs: string[] = [];
  try {
    for (const f of [...SUPPORT, ...ARCH_PROBES, ...LINT_PROBES]) {
      const abs = join(ROOT, f.path);
      if (!existsSync(dirname(abs))) {
        mkdirSync(dirname(abs), { recursive: true });
        createdDirs.push(dirname(abs));
      }
      writeFileSync(abs, f.code);
      created.push(abs);
    }
    const [arch, lint] = await Promise.all([
      run('node_modules/.bin/depcruise', [
        '--config',
        '.dependency-cruiser.cjs',
        '--output-type',
        'json',
        ...ARCH_PROBES.map((p) => p.path),
      ]),
      run('node_modules/.bin/eslint', ['--format', 'json', ...LINT_PROBES.map((p) => p.path)]),
    ]);
    const violations = (
      JSON.parse(arch) as { summary: { violations: { from: string; rule: { name: string } }[] } }
    ).summary.violations;
    for (const v of violations.map((x): Violation => ({ from: x.from, rule: x.rule.name }))) {
      archFound.set(v.from, [...(archFound.get(v.from) ?? []), v.rule]);
    }
    const results = JSON.parse(lint) as { filePath: string; messages: { ruleId: string | null }[] }[];
    for (const r of results) {
      lintFound.set(
        r.filePath.slice(ROOT.length + 1),
        r.messages.map((m) => m.ruleId ?? 'fatal'),
      );
    }
  } finally {
    for (const abs of created) rmSync(abs, { force: true });
    for (const dir of createdDirs.reverse()) rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);

describe('dependency-cruiser rejects each probe with its rule', () => {
  it.each(ARCH_PROBES.map((p) => [p.path.replace(TAG, '…'), p] as const))('%s', (_, probe) => {
    const found = [probe.path, probe.partner?.path].flatMap((f) => (f ? (archFound.get(f) ?? []) : []));
    expect([...new Set(found)].sort()).toEqual([...probe.rules].sort());
  });
});

describe('eslint rejects each size probe with its rule', () => {
  it.each(LINT_PROBES.map((p) => [p.path.replace(TAG, '…'), p] as const))('%s', (_, probe) => {
    expect(lintFound.get(probe.path)).toEqual(probe.rules);
  });
});

it('leaves no probe behind', () => {
  for (const f of [...SUPPORT, ...ARCH_PROBES, ...LINT_PROBES])
    expect(existsSync(join(ROOT, f.path))).toBe(false);
});

/** Runs a tool from the repository root; its report (both tools exit non-zero when they find something). */
function run(bin: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, bin), args, { cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      out.trim() ? resolve(out) : reject(new Error(`${bin} exited ${code} without a report: ${err}`)),
    );
  });
}

function relative(from: string, to: string): string {
  const up = from.split('/').length - 1;
  return '../'.repeat(up) + to.replace(/\.ts$/, '');
}
