// `npm start`: build when dist/ is missing or older than the sources, then run the service.
const { execSync } = require('node:child_process');
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const root = join(__dirname, '..');
const main = join(root, 'dist', 'main.js');
const stale = !existsSync(main) || Math.max(newest(join(root, 'src')), newest(join(root, 'migrations'))) > statSync(main).mtimeMs;
if (stale) execSync('npm run build', { cwd: root, stdio: 'inherit' });
require(main);
