import { DEFAULT_BASE_URLS, type Environment, isPlatform, type Platform } from './platforms';

/** Read access to the process environment (the platform's FirmEnvReader fits). */
export interface EnvLookup {
  raw(name: string): string | undefined;
  namesMatching(pattern: RegExp): string[];
}

/** The seed's default platform of firms configured without `{FIRM}_PLATFORM`. */
export const SEED_DEFAULT_PLATFORMS: Readonly<Record<string, Platform>> = { FTMO: 'rest', APEX: 'rest' };

/** Firms named by a `{FIRM}_ENABLED` or `{FIRM}_PLATFORM` variable (ROUTER_ENABLED too: the caller decides). */
export function envFirmCandidates(env: EnvLookup): string[] {
  const firms = env
    .namesMatching(/^[A-Z][A-Z0-9_]*_(ENABLED|PLATFORM)$/)
    .filter((name) => env.raw(name) !== undefined)
    .map((name) => name.slice(0, name.lastIndexOf('_')));
  return [...new Set(firms)].sort();
}

/**
 * Whether `firm` is a firm: a registry firm, or one with `{FIRM}_PLATFORM` set, or `{FIRM}_ENABLED` next to
 * `{FIRM}_BASE_URL`/`{FIRM}_API_KEY` (so unrelated switches such as ROUTER_ENABLED are not firms).
 */
export function isEnvFirm(firm: string, env: EnvLookup, inRegistry: boolean): boolean {
  return (
    inRegistry ||
    env.raw(`${firm}_PLATFORM`) !== undefined ||
    env.raw(`${firm}_BASE_URL`) !== undefined ||
    env.raw(`${firm}_API_KEY`) !== undefined
  );
}

/** The connection an enabled env firm gets: its platform (null: not configured), environment and URL. */
export interface EnvConnectionSpec {
  firm: string;
  platform: Platform | null;
  environment: Environment;
  baseUrl: string | null;
}

export function envConnectionSpec(firm: string, env: EnvLookup): EnvConnectionSpec {
  const raw = env.raw(`${firm}_PLATFORM`)?.toLowerCase();
  const platform = raw === undefined ? (SEED_DEFAULT_PLATFORMS[firm] ?? null) : isPlatform(raw) ? raw : null;
  const baseUrl = env.raw(`${firm}_BASE_URL`)?.replace(/\/+$/, '') ?? null;
  return { firm, platform, environment: environmentOf(platform, baseUrl), baseUrl };
}

/** `live` when the URL is the platform's documented live URL, else `demo`. */
function environmentOf(platform: Platform | null, baseUrl: string | null): Environment {
  const urls = platform ? DEFAULT_BASE_URLS[platform] : null;
  return urls && baseUrl === urls.live ? 'live' : 'demo';
}
