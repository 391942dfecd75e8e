import type { FirmEnvReader } from '../../../platform/config/firm-env.reader';
import { parseBool } from '../../../platform/config/validate-env';

/** One ProjectX login: what a session is opened with. */
export interface ProjectXLoginConfig {
  /** e.g. https://api.topstepx.com (the adapter appends `/api/...`). Differs per firm. */
  baseUrl: string;
  username: string;
  apiKey: string;
  /** `live` flag of `/api/Contract/search`: false (the default) searches the simulated contract list. */
  live: boolean;
}

/** One firm's ProjectX Gateway credentials and account (from `{FIRM}_*` env). */
export interface ProjectXConfig extends ProjectXLoginConfig {
  accountId: number;
}

/**
 * Reads `{FIRM}_BASE_URL`, `{FIRM}_PROJECTX_USERNAME`, `{FIRM}_API_KEY`, `{FIRM}_PROJECTX_ACCOUNT_ID` and
 * `{FIRM}_PROJECTX_LIVE`. Never throws: a missing or malformed setting is reported by name in `missing`
 * (never its value), and `config` is set only when nothing is missing.
 */
export function readProjectXConfig(
  firmCode: string,
  env: FirmEnvReader,
): { config?: ProjectXConfig; missing: string[] } {
  const firm = firmCode.toUpperCase();
  const missing: string[] = [];
  const required = (suffix: string): string => {
    const v = env.raw(`${firm}_${suffix}`);
    if (v === undefined) missing.push(`${firm}_${suffix}`);
    return v ?? '';
  };
  const baseUrl = required('BASE_URL');
  const username = required('PROJECTX_USERNAME');
  const apiKey = required('API_KEY');
  const accountId = required('PROJECTX_ACCOUNT_ID');
  if (accountId !== '' && !/^\d+$/.test(accountId)) {
    missing.push(`${firm}_PROJECTX_ACCOUNT_ID (must be a whole number)`);
  }
  const liveRaw = env.raw(`${firm}_PROJECTX_LIVE`);
  const live = parseBool(liveRaw, false);
  const unrecognised = liveRaw !== undefined && parseBool(liveRaw, true) !== parseBool(liveRaw, false);
  if (unrecognised) {
    missing.push(`${firm}_PROJECTX_LIVE (must be true or false)`);
  }
  if (missing.length > 0) return { missing };
  return {
    config: { baseUrl: baseUrl.replace(/\/+$/, ''), username, apiKey, accountId: Number(accountId), live },
    missing,
  };
}

/** A login from an API connection's credentials (username, api_key); a live connection searches live contracts. */
export function projectXLoginFromCredentials(
  credentials: Record<string, string>,
  baseUrl: string,
  live: boolean,
): { config?: ProjectXLoginConfig; missing: string[] } {
  const missing = ['username', 'api_key'].filter((name) => !credentials[name]);
  if (!/^https?:\/\/[^\s/]+/i.test(baseUrl)) missing.push('base_url (must be an http(s) URL)');
  if (missing.length > 0) return { missing };
  const config = { baseUrl: baseUrl.replace(/\/+$/, ''), live };
  return { config: { ...config, username: credentials.username, apiKey: credentials.api_key }, missing };
}
