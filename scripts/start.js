// `npm start`: build when dist/ is missing or older than the sources, then run the service.
const { join } = require('node:path');
const { ensureBuilt, root } = require('./ensure-built');

ensureBuilt();
require(join(root, 'dist', 'main.js'));
