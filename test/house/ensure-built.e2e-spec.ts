import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the helper is a plain CommonJS script
const { needsBuild } = require('../../scripts/ensure-built.js') as { needsBuild: (dir: string) => boolean };

/**
 * `npm start` and the helper commands build only when something changed since the last `npm run build`
 * (which ends by writing dist/.built). A tree laid out like the repository, its files' times set by hand.
 */
describe('scripts/ensure-built.js: build when, and only when, a source is newer than the last build', () => {
  let dir: string;
  const at = (file: string, seconds: number) => {
    const path = join(dir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file);
    utimesSync(path, seconds, seconds);
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pr-ensure-built-'));
    at('src/main.ts', 1000);
    at('migrations/1-init.ts', 1000);
    at('web/src/app.tsx', 1000);
    at('web/node_modules/.vite/cache.json', 5000); // tooling state, not a source
    at('dist/main.js', 900); // tsc left an unchanged output alone: older than its touched source
    at('dist/service.bundle.js', 1500);
    at('node_modules/.package-lock.json', 800);
    at('scripts/bundle.js', 800);
    at('dist/web/index.html', 1500);
    at('dist/.built', 2000);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('nothing newer than the stamp: no build, whatever the outputs own times', () => {
    expect(needsBuild(dir)).toBe(false);
  });

  it('a service source, a migration, a dashboard file, an installed package or the bundle recipe newer than the stamp: build', () => {
    const changed = [
      'src/main.ts',
      'migrations/1-init.ts',
      'web/src/app.tsx',
      'node_modules/.package-lock.json',
      'scripts/bundle.js',
    ];
    for (const file of changed) {
      at(file, 2001);
      expect([file, needsBuild(dir)]).toEqual([file, true]);
      at(file, 1000);
    }
  });

  it('no stamp, no service build, no service bundle or no dashboard build: build', () => {
    for (const file of ['dist/.built', 'dist/main.js', 'dist/service.bundle.js', 'dist/web/index.html']) {
      rmSync(join(dir, file));
      expect([file, needsBuild(dir)]).toEqual([file, true]);
      at(file, 1000);
    }
  });
});
