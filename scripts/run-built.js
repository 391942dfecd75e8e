// `node scripts/run-built.js dist/<entry>.js [args…]`: the helper commands (npm run fake, registry:import,
// openapi, accounts:rotate-key, migration:run) build only when dist/ is stale, then run the entry with the
// arguments it would have had as `node dist/<entry>.js args…`.
const { join } = require('node:path');
const { ensureBuilt, root } = require('./ensure-built');

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run-built.js dist/<entry>.js [args…]');
  process.exit(2);
}
ensureBuilt();
process.argv.splice(1, 2, join(root, entry));
require(join(root, entry));
