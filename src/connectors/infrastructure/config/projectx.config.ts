import type { FirmEnvReader } from '../../../platform/config/firm-env.reader';
import { parseBool } from '../../../platform/config/validate-env';

/** One firm's ProjectX Gateway credentials and account (from `{FIRM}_*` env). */
export interface ProjectXConfig {
  /** e.g. https://api.topstepx.com (the adapter appends `/api/...`). Differs per firm. */
  baseUrl: string;
  username: string;
  apiKey: string;
  accountId: number;
  /** `live` flag of `/api/Contract/search`: false (the default) searches the simulated contract list. */
  live: boolean;
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
