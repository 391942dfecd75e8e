import { isAscii } from 'node:buffer';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';

/**
 * Runs one ASCII CommonJS file (the service's bundle) the way `require` would, but compiled through V8's code
 * cache: the functions compiled in an earlier run are read back instead of parsed and compiled again.
 *
 * The cache file is a one-line JSON header (what it was made from) and V8's data. It is used only when the
 * header matches this Node (version, arch), this bundle (length and CRC-32 of its bytes) and the data's
 * own CRC-32; V8 then checks its own version, flags and the source length and may still reject it. A cache
 * that is missing, damaged, stale or rejected is ignored (the bundle compiles as usual) and `saveCache`
 * writes a new one.
 */
export type CodeCacheState = 'used' | 'absent' | 'stale' | 'rejected';

export interface LoadedBundle {
  exports: unknown;
  codeCache: CodeCacheState;
  /** Writes the cache of everything compiled so far (call it once the work worth caching has run). */
  saveCache(): boolean;
}

interface CacheHeader {
  format: 1;
  node: string;
  arch: string;
  sourceBytes: number;
  sourceCrc: number;
  dataBytes: number;
  dataCrc: number;
}

export function loadBundle(file: string, cacheFile: string): LoadedBundle {
  const bytes = readFileSync(file);
  const source = { bytes: bytes.length, crc: crc32(bytes) };
  const cached = readCache(cacheFile, source);
  // ASCII (scripts/bundle.js makes it so): latin1 copies the bytes into a one-byte string, no UTF-8 decoding
  const script = new Script(Module.wrap(bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8')), {
    filename: file,
    cachedData: typeof cached === 'string' ? undefined : cached,
    // No importModuleDynamically: Node 20 warns (ExperimentalWarning) at its main-context loader. The bundle
    // has no import() of its own: esbuild makes each a require (scripts/bundle.js checks it).
  });
  const codeCache: CodeCacheState =
    typeof cached === 'string' ? cached : script.cachedDataRejected ? 'rejected' : 'used';
  const mod = new Module(file, require.main);
  mod.filename = file;
  mod.paths = moduleLookupPaths(file);
  const fn = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: Module,
    filename: string,
    dirname: string,
  ) => void;
  fn.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  mod.loaded = true;
  return {
    exports: mod.exports,
    codeCache,
    saveCache: () => writeCache(cacheFile, source, script.createCachedData()),
  };
}

/** The node_modules directories `require` searches from `file`'s folder upwards. */
function moduleLookupPaths(file: string): string[] {
  const paths: string[] = [];
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (!dir.endsWith('/node_modules')) paths.push(`${dir === '/' ? '' : dir}/node_modules`);
    if (dir === dirname(dir)) return paths;
  }
}

function readCache(cacheFile: string, source: { bytes: number; crc: number }): Buffer | 'absent' | 'stale' {
  let raw: Buffer;
  try {
    raw = readFileSync(cacheFile);
  } catch {
    return 'absent';
  }
  const eol = raw.indexOf(0x0a);
  if (eol < 0) return 'stale';
  let header: Partial<CacheHeader>;
  try {
    header = JSON.parse(raw.subarray(0, eol).toString('utf8')) as Partial<CacheHeader>;
  } catch {
    return 'stale';
  }
  const data = raw.subarray(eol + 1);
  const matches =
    header.format === 1 &&
    header.node === process.version &&
    header.arch === process.arch &&
    header.sourceBytes === source.bytes &&
    header.sourceCrc === source.crc &&
    header.dataBytes === data.length &&
    header.dataCrc === crc32(data);
  return matches ? data : 'stale';
}

/** Written beside, then renamed over: a reader never sees half a file, concurrent writers never mix. */
function writeCache(cacheFile: string, source: { bytes: number; crc: number }, data: Buffer): boolean {
  const header: CacheHeader = {
    format: 1,
    node: process.version,
    arch: process.arch,
    sourceBytes: source.bytes,
    sourceCrc: source.crc,
    dataBytes: data.length,
    dataCrc: crc32(data),
  };
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), data]), { mode: 0o644 });
    renameSync(tmp, cacheFile);
    return true;
  } catch {
    rmSync(tmp, { force: true }); // e.g. a read-only install: the service runs on, compiling as usual
    return false;
  }
}
