import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { loadBundle } from './bundle-loader';

/** A small CommonJS "bundle": exports what it sees of its module scope, and one function worth caching. */
const SOURCE = `
const { basename } = require('node:path');
exports.file = basename(__filename);
exports.dir = __dirname;
exports.sum = (n) => { let s = 0; for (let i = 1; i <= n; i++) s += i; return s; };
exports.sibling = () => require('./sibling.js').word;
`;

describe('loadBundle: a CommonJS file through a V8 code cache beside it', () => {
  let dir: string;
  let file: string;
  let cache: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pr-bundle-'));
    file = join(dir, 'service.bundle.js');
    cache = join(dir, 'service.bundle.cache');
    writeFileSync(file, SOURCE);
    writeFileSync(join(dir, 'sibling.js'), "exports.word = 'beside';");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const exportsOf = (b: { exports: unknown }) =>
    b.exports as {
      file: string;
      dir: string;
      sum(n: number): number;
      sibling(): string;
    };

  it('runs the file as a module of its own folder: __filename, __dirname and require as usual', () => {
    const b = exportsOf(loadBundle(file, cache));
    expect([b.file, b.dir, b.sum(4), b.sibling()]).toEqual(['service.bundle.js', dir, 10, 'beside']);
  });

  it('no cache: compiles as usual and writes one, which the next load uses', () => {
    const first = loadBundle(file, cache);
    expect(first.codeCache).toBe('absent');
    exportsOf(first).sum(3);
    expect(first.saveCache()).toBe(true);
    const second = loadBundle(file, cache);
    expect(second.codeCache).toBe('used');
    expect(exportsOf(second).sum(100)).toBe(5050);
  });

  it('a cache of another bundle, a damaged one or one for another Node: ignored, and the file still runs', () => {
    loadBundle(file, cache).saveCache();
    const good = readFileSync(cache);
    const eol = good.indexOf(0x0a);
    const header = JSON.parse(good.subarray(0, eol).toString()) as Record<string, unknown>;
    const data = good.subarray(eol + 1);
    const withHeader = (h: Record<string, unknown>, d: Buffer = data) =>
      writeFileSync(cache, Buffer.concat([Buffer.from(`${JSON.stringify(h)}\n`), d]));

    const damaged = Buffer.from(data);
    damaged[damaged.length >> 1] ^= 0xff;
    const cases: [string, () => void][] = [
      ['one flipped byte', () => withHeader(header, damaged)],
      ['cut short', () => writeFileSync(cache, good.subarray(0, good.length - 10))],
      ['no header', () => writeFileSync(cache, data)],
      ['another Node', () => withHeader({ ...header, node: 'v0.0.0' })],
      ['another format', () => withHeader({ ...header, format: 2 })],
      ['empty', () => writeFileSync(cache, '')],
    ];
    for (const [name, damage] of cases) {
      damage();
      const b = loadBundle(file, cache);
      expect([name, b.codeCache, exportsOf(b).sum(4)]).toEqual([name, 'stale', 10]);
    }

    writeFileSync(cache, good);
    writeFileSync(file, `${SOURCE}\nexports.extra = 1;`); // the bundle rebuilt: the cache is another file's
    const rebuilt = loadBundle(file, cache);
    expect([rebuilt.codeCache, exportsOf(rebuilt).sum(4)]).toEqual(['stale', 10]);
  });

  it('data that passes the header but that V8 refuses: rejected, the file compiles and runs', () => {
    // a source this process has not compiled yet (V8 skips the cache for a source it still holds)
    const source = `${SOURCE}// ${Date.now()}-${Math.random()}\n`;
    writeFileSync(file, source);
    const junk = Buffer.alloc(256, 7);
    const header = {
      format: 1,
      node: process.version,
      arch: process.arch,
      sourceBytes: Buffer.byteLength(source),
      sourceCrc: crc32(source),
      dataBytes: junk.length,
      dataCrc: crc32(junk),
    };
    writeFileSync(cache, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), junk]));
    const b = loadBundle(file, cache);
    expect([b.codeCache, exportsOf(b).sum(4)]).toEqual(['rejected', 10]);
    expect(b.saveCache()).toBe(true); // and a good one replaces it
    expect(loadBundle(file, cache).codeCache).toBe('used');
  });

  it('a cache that cannot be written (e.g. a read-only install): false, nothing left behind', () => {
    const b = loadBundle(file, join(dir, 'missing-dir', 'service.bundle.cache'));
    expect(b.saveCache()).toBe(false);
    expect(loadBundle(file, cache).codeCache).toBe('absent');
  });
});
