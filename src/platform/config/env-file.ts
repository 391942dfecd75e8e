import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * `.env` in the working directory (or the file `PROPROUTER_ENV_FILE` names; `none`: no file), read before
 * the configuration is validated. A variable set in the real environment wins over the file, as with docker
 * and systemd. Returns the names taken from the file (never the values: they may be secrets); null when
 * there is no file.
 */
export function loadEnvFile(
  env: NodeJS.ProcessEnv = process.env,
  path = env.PROPROUTER_ENV_FILE || join(process.cwd(), '.env'),
): string[] | null {
  if (path === 'none') return null;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`${path} cannot be read: ${(err as Error).message}`);
  }
  return applyEnvText(text, env);
}

/** Sets each variable of a dotenv text that `env` does not already have; the names it set. */
export function applyEnvText(text: string, env: NodeJS.ProcessEnv): string[] {
  const applied: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    applied.push(name);
  }
  return applied;
}
