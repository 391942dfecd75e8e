// Builds (npm run build) when dist/ is missing or older than the sources, migrations or dashboard (web/); otherwise nothing,
// so `npm start` and the helper commands (fake, registry:import, openapi, …) start at once on a current build.
const { execSync } = require('node:child_process');
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function ensureBuilt() {
  const main = join(root, 'dist', 'main.js');
  const web = join(root, 'dist', 'web', 'index.html');
  const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'migrations')), newest(join(root, 'web')));
  const built = existsSync(main) && existsSync(web) ? Math.min(statSync(main).mtimeMs, statSync(web).mtimeMs) : 0;
  if (sources > built) execSync('npm run build', { cwd: root, stdio: 'inherit' });
}

module.exports = { ensureBuilt, root };
