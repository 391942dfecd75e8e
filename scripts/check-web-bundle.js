// After `vite build`: the dashboard's JavaScript must stay under 300 KB gzipped (issue 17), and no inline
// script may reach index.html (helmet's CSP allows scripts from this origin only). Writes a .gz and a .br
// beside each asset, which the service sends to clients that take them (@fastify/static preCompressed).
const { readdirSync, readFileSync, writeFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { brotliCompressSync, gzipSync, constants } = require('node:zlib');

const LIMIT_KB = 300;
const dir = join(__dirname, '..', 'dist', 'web');
const assets = join(dir, 'assets');

let jsGzip = 0;
const lines = [];
for (const name of readdirSync(assets).sort()) {
  if (!/\.(js|css)$/.test(name)) continue;
  const file = join(assets, name);
  const raw = readFileSync(file);
  const gz = gzipSync(raw, { level: 9 });
  writeFileSync(`${file}.gz`, gz);
  writeFileSync(`${file}.br`, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  if (name.endsWith('.js')) jsGzip += gz.length;
  lines.push(`  ${name}: ${(statSync(file).size / 1024).toFixed(1)} KB, ${(gz.length / 1024).toFixed(1)} KB gzipped`);
}
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const inline = /<script(?![^>]*\bsrc=)[^>]*>/i.exec(html);
console.log(`dashboard bundle (dist/web):\n${lines.join('\n')}`);
console.log(`JavaScript: ${(jsGzip / 1024).toFixed(1)} KB gzipped (limit ${LIMIT_KB} KB)`);
if (inline) {
  console.error(`index.html has an inline script (${inline[0]}): the CSP would block it`);
  process.exit(1);
}
if (jsGzip > LIMIT_KB * 1024) {
  console.error(`the dashboard's JavaScript grew past ${LIMIT_KB} KB gzipped`);
  process.exit(1);
}
