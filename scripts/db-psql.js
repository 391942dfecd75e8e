// `npm run db:psql`: a psql shell on the service's database — DATABASE_URL when set, else the embedded
// database under PROPROUTER_DATA_DIR (default ./.data), reachable through its unix socket while the service
// runs. Reads .env like the service. Extra arguments go to psql (e.g. `npm run db:psql -- -c 'SELECT 1'`).
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join, resolve } = require('node:path');

const envFile = process.env.PROPROUTER_ENV_FILE || join(process.cwd(), '.env');
if (envFile !== 'none' && existsSync(envFile)) {
  const { parseEnv } = require('node:util');
  const { readFileSync } = require('node:fs');
  for (const [k, v] of Object.entries(parseEnv(readFileSync(envFile, 'utf8'))))
    if (process.env[k] === undefined) process.env[k] = v;
}

const extra = process.argv.slice(2);
let args;
if (process.env.DATABASE_URL) {
  args = [process.env.DATABASE_URL, ...extra];
} else {
  const socketDir = join(resolve(process.env.PROPROUTER_DATA_DIR || './.data'), 'run');
  if (!existsSync(join(socketDir, '.s.PGSQL.5432'))) {
    console.error(`The embedded database is not running (no socket in ${socketDir}): start the service first (npm start).`);
    process.exit(1);
  }
  args = ['-h', socketDir, '-p', '5432', '-U', 'postgres', '-d', 'postgres', ...extra];
}
// the embedded cluster's password is the fixed local one (its socket is reachable only inside the data dir)
const env = process.env.DATABASE_URL ? process.env : { PGPASSWORD: 'postgres', ...process.env };
const run = spawnSync('psql', args, { stdio: 'inherit', env });
if (run.error && run.error.code === 'ENOENT') {
  console.error('psql is not installed: apt-get install postgresql-client (Debian/Ubuntu) or brew install libpq (macOS).');
  process.exit(1);
}
process.exit(run.status ?? 1);
