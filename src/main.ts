import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

async function main(): Promise<void> {
  const bundle = currentBundle() ? loadBundle(BUNDLE, CODE_CACHE) : null;
  const { start } = bundle ? (bundle.exports as typeof import('./service')) : await import('./service.js');
  await start({ bundle: bundle !== null, codeCache: bundle?.codeCache ?? null });
  if (bundle && bundle.codeCache !== 'used')
    setTimeout(() => bundle.saveCache(), SAVE_CACHE_AFTER_MS).unref();
}

void main();
