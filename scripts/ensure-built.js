// Builds (npm run build) when dist/ is missing or older than the sources, migrations or dashboard (web/), or than the
// installed packages (the service's bundle holds their code: an `npm install` after a build is built in); otherwise nothing,
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

function mtime(file) {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

// `npm run build` ends by writing dist/.built: anything changed after it was written is not built yet (tsc is
// incremental — it leaves an output's time alone when its source's content is unchanged — so comparing with
// the outputs' own times would rebuild forever after a touch).
function needsBuild(dir = root) {
  const dist = join(dir, 'dist');
  const stamp = join(dist, '.built');
  const built = [stamp, join(dist, 'main.js'), join(dist, 'service.bundle.js'), join(dist, 'web', 'index.html')];
  const ready = built.every((f) => existsSync(f));
  if (!ready) return true;
  const sources = Math.max(
    mtime(join(dir, 'node_modules', '.package-lock.json')), // written by every npm install / npm ci
    mtime(join(dir, 'scripts', 'bundle.js')),
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
