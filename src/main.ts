import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { loadBundle } from './platform/lifecycle/bundle-loader';

/**
 * The entry point (`npm start`, the Docker image, the tests): starts the service (service.ts) from the one
 * file `npm run build` bundles it into, compiled through a V8 code cache kept beside it, which turns the
 * loading of some 3,400 modules into reading one file. Without a bundle, or with one older than the last
 * compile (a `tsc` run after the build), the compiled files themselves are run.
 */
const BUNDLE = join(__dirname, 'service.bundle.js');
const CODE_CACHE = join(__dirname, 'service.bundle.cache');
/** After ready, before the cache of what the start compiled is written (a start that had none). */
const SAVE_CACHE_AFTER_MS = 200;

function currentBundle(): boolean {
  if (!existsSync(BUNDLE)) return false;
  const compiled = join(__dirname, '.tsbuildinfo');
  return !existsSync(compiled) || statSync(BUNDLE).mtimeMs >= statSync(compiled).mtimeMs;
}

/**
 * How far V8 lets the old generation grow past what the last full collection kept before it collects again:
 * 1.5×. V8's own factor goes up to 4× when its collections are fast, so a webhook flood, whose requests live
 * long enough to be promoted (tens of ms) and die there, grew the heap from ~45 MB live to ~170 MB before the
 * first full collection: peak RSS 265–285 MB at 50 connections, against 210–215 MB at 1.5× for the same CPU
 * per request (alternated runs, issue 20). Set before the bundle is compiled, so the code cache sees the same
 * flags on every start; a value given on the command line or in NODE_OPTIONS wins.
 */
const HEAP_GROWING = '--heap-growing-percent=50';

function setHeapGrowing(): void {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  if (!/--heap[-_]growing[-_]percent/.test(given)) setFlagsFromString(HEAP_GROWING);
}

async function main(): Promise<void> {
  setHeapGrowing();
  const bundle = currentBundle() ? loadBundle(BUNDLE, CODE_CACHE) : null;
  const { start } = bundle ? (bundle.exports as typeof import('./service')) : await import('./service.js');
  await start({ bundle: bundle !== null, codeCache: bundle?.codeCache ?? null });
  if (bundle && bundle.codeCache !== 'used')
    setTimeout(() => bundle.saveCache(), SAVE_CACHE_AFTER_MS).unref();
}

void main();
