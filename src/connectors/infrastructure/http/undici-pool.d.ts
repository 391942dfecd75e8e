/**
 * undici's connection pool on its own. `import { Pool } from 'undici'` loads the whole package — fetch,
 * WebSocket, cookies, the cache — and its fetch classes read Node's global `Headers` and `File`, which loads
 * Node's own copy of undici as well: ~40 ms of every start-up, for a class the service does not use.
 */
declare module 'undici/lib/dispatcher/pool' {
  import { Pool } from 'undici';
  export = Pool;
}
