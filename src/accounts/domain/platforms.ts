/**
 * The platforms a connection logs in to, and what each needs. `paper` is PropRouter's own paper platform
 * (issue 19): no credentials, no URL, no network; its accounts trade against a ledger PropRouter keeps.
 */
export const PLATFORMS = ['tradovate', 'projectx', 'rest', 'paper'] as const;
export type Platform = (typeof PLATFORMS)[number];
export const ENVIRONMENTS = ['demo', 'live'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** The credential fields each platform takes, in display order. */
export const CREDENTIAL_FIELDS: Readonly<Record<Platform, readonly string[]>> = {
  tradovate: ['username', 'password', 'app_id', 'app_version', 'cid', 'sec', 'device_id'],
  projectx: ['username', 'api_key'],
  rest: ['api_key'],
  paper: [],
};

/** Every credential field of any platform. */
export const ALL_CREDENTIAL_FIELDS: readonly string[] = [...new Set(Object.values(CREDENTIAL_FIELDS).flat())];

/** The platforms' documented base URLs (platform-apis.md); REST has none (base_url is required), paper takes none. */
export const DEFAULT_BASE_URLS: Readonly<Record<Platform, Record<Environment, string> | null>> = {
  tradovate: { demo: 'https://demo.tradovateapi.com/v1', live: 'https://live.tradovateapi.com/v1' },
  projectx: { demo: 'https://gateway-api-demo.s2f.projectx.com', live: 'https://api.topstepx.com' },
  rest: null,
  paper: null,
};

export function isPlatform(value: unknown): value is Platform {
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value);
}

/** `base_url` when set, else the platform's documented URL for the environment; '' when there is none. */
export function effectiveBaseUrl(
  platform: Platform | null,
  environment: Environment,
  baseUrl: string | null,
): string {
  if (baseUrl) return baseUrl;
  if (!platform) return '';
  return DEFAULT_BASE_URLS[platform]?.[environment] ?? '';
}

/** The set fields in the platform's display order (unknown ones last, sorted). */
export function orderedFields(platform: Platform | null, fields: Iterable<string>): string[] {
  const set = new Set(fields);
  const order = platform ? CREDENTIAL_FIELDS[platform] : ALL_CREDENTIAL_FIELDS;
  const known = order.filter((f) => set.has(f));
  const rest = [...set].filter((f) => !order.includes(f)).sort();
  return [...known, ...rest];
}
