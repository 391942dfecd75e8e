// Builds (npm run build) when dist/ is missing or older than the sources, migrations or dashboard (web/); otherwise nothing,
// so `npm start` and the helper commands (fake, registry:import, openapi, …) start at once on a current build.
const { execSync } = require('node:child_process');
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

function newest(dir, skip = () => false) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (skip(p)) continue;
    t = Math.max(t, e.isDirectory() ? newest(p, skip) : statSync(p).mtimeMs);
  }
  return t;
}

// `npm run build` ends by writing dist/.built: anything changed after it was written is not built yet (tsc is
// incremental — it leaves an output's time alone when its source's content is unchanged — so comparing with
// the outputs' own times would rebuild forever after a touch).
function needsBuild(dir = root) {
  const dist = join(dir, 'dist');
  const stamp = join(dist, '.built');
  const ready = [stamp, join(dist, 'main.js'), join(dist, 'web', 'index.html')].every((f) => existsSync(f));
  if (!ready) return true;
  const sources = Math.max(
    newest(join(dir, 'src')),
    newest(join(dir, 'migrations')),
    newest(join(dir, 'web'), (p) => /[\\/](node_modules|dist)$/.test(p)),
  );
  return sources > statSync(stamp).mtimeMs;
}

function ensureBuilt() {
  if (needsBuild()) execSync('npm run build', { cwd: root, stdio: 'inherit' });
}

module.exports = { ensureBuilt, needsBuild, root };
