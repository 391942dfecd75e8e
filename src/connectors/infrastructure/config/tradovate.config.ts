import type { FirmEnvReader } from '../../../platform/config/firm-env.reader';

/** One Tradovate login: the credentials a session is requested with. */
export interface TradovateLoginConfig {
  /** e.g. https://demo.tradovateapi.com/v1 (the adapter appends `/auth/...`, `/order/...`). */
  baseUrl: string;
  username: string;
  password: string;
  appId: string;
  appVersion: string;
  /** The API key's client id (numeric in Tradovate's docs, sent as a number when it is one). */
  cid: string;
  /** The API key's secret. */
  sec: string;
  deviceId: string;
}

/** The account an order goes to: `/account/list` → `id` and `name`. */
export interface TradovateAccount {
  /** The account name (`/account/list` → `name`). */
  accountSpec: string;
  accountId: number;
}

/** One firm's Tradovate credentials and account (from `{FIRM}_*` env). */
export type TradovateConfig = TradovateLoginConfig & TradovateAccount;

const FIELDS = [
  ['baseUrl', 'BASE_URL'],
  ['username', 'TRADOVATE_USERNAME'],
  ['password', 'TRADOVATE_PASSWORD'],
  ['appId', 'TRADOVATE_APP_ID'],
  ['appVersion', 'TRADOVATE_APP_VERSION'],
  ['cid', 'TRADOVATE_CID'],
  ['sec', 'TRADOVATE_SEC'],
  ['deviceId', 'TRADOVATE_DEVICE_ID'],
  ['accountSpec', 'TRADOVATE_ACCOUNT_SPEC'],
] as const;

/**
 * Reads `{FIRM}_BASE_URL` and `{FIRM}_TRADOVATE_*`. Never throws: a missing or malformed setting is
 * reported by name in `missing` (never its value), and `config` is set only when nothing is missing.
 */
export function readTradovateConfig(
  firmCode: string,
  env: FirmEnvReader,
): { config?: TradovateConfig; missing: string[] } {
  const firm = firmCode.toUpperCase();
  const missing: string[] = [];
  const values: Record<string, string> = {};
  for (const [key, suffix] of FIELDS) {
    const v = env.raw(`${firm}_${suffix}`);
    if (v === undefined) missing.push(`${firm}_${suffix}`);
    else values[key] = v;
  }
  const accountIdName = `${firm}_TRADOVATE_ACCOUNT_ID`;
  const accountId = env.raw(accountIdName);
  if (accountId === undefined) missing.push(accountIdName);
  else if (!/^\d+$/.test(accountId)) missing.push(`${accountIdName} (must be a whole number)`);
  if (missing.length > 0) return { missing };
  return {
    config: {
      baseUrl: values.baseUrl.replace(/\/+$/, ''),
      username: values.username,
      password: values.password,
      appId: values.appId,
      appVersion: values.appVersion,
      cid: values.cid,
      sec: values.sec,
      deviceId: values.deviceId,
      accountSpec: values.accountSpec,
      accountId: Number(accountId),
    },
    missing,
  };
}

/** API connection credential fields (the accounts API's names) a login cannot do without. */
const CREDENTIAL_FIELDS = [
  ['username', 'username'],
  ['password', 'password'],
  ['cid', 'cid'],
  ['sec', 'sec'],
] as const;

/**
 * A login from an API connection's credentials: username, password, cid and sec are required; app_id and
 * app_version (free text naming the app) default to PropRouter 1.0; device_id (needed for live) to one per
 * connection. Missing fields are named, never their values.
 */
export function tradovateLoginFromCredentials(
  credentials: Record<string, string>,
  baseUrl: string,
  connectionId: number,
): { config?: TradovateLoginConfig; missing: string[] } {
  const missing: string[] = CREDENTIAL_FIELDS.filter(([, name]) => !credentials[name]).map(
    ([, name]) => name,
  );
  if (!/^https?:\/\/[^\s/]+/i.test(baseUrl)) missing.push('base_url (must be an http(s) URL)');
  if (missing.length > 0) return { missing };
  return {
    config: {
      baseUrl: baseUrl.replace(/\/+$/, ''),
      username: credentials.username,
      password: credentials.password,
      appId: credentials.app_id || 'PropRouter',
      appVersion: credentials.app_version || '1.0',
      cid: credentials.cid,
      sec: credentials.sec,
      deviceId: credentials.device_id || `proprouter-connection-${connectionId}`,
    },
    missing,
  };
}
