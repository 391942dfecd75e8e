import type { FirmEnvReader } from '../../../platform/config/firm-env.reader';

/** One firm's generic REST API (seed 13C FTMO/Apex connectors). */
export interface RestConfig {
  /** e.g. https://api.ftmo.com/v1 (the adapter appends `/orders`). */
  baseUrl: string;
  apiKey: string;
}

/**
 * Reads `{FIRM}_BASE_URL` and `{FIRM}_API_KEY`. Never throws: what is missing or malformed is named in
 * `missing` (never its value), and `config` is set only when nothing is.
 */
export function readRestConfig(
  firmCode: string,
  env: FirmEnvReader,
): { config?: RestConfig; missing: string[] } {
  const firm = firmCode.toUpperCase();
  const missing: string[] = [];
  const baseUrl = env.raw(`${firm}_BASE_URL`);
  const apiKey = env.raw(`${firm}_API_KEY`);
  if (baseUrl === undefined) missing.push(`${firm}_BASE_URL`);
  else if (!/^https?:\/\/[^\s/]+/i.test(baseUrl)) missing.push(`${firm}_BASE_URL (must be an http(s) URL)`);
  if (apiKey === undefined) missing.push(`${firm}_API_KEY`);
  if (missing.length > 0 || baseUrl === undefined || apiKey === undefined) return { missing };
  return { config: { baseUrl: baseUrl.replace(/\/+$/, ''), apiKey }, missing };
}

/** A generic REST login from an API connection's credentials (api_key) and base URL. */
export function restLoginFromCredentials(
  credentials: Record<string, string>,
  baseUrl: string,
): { config?: RestConfig; missing: string[] } {
  const missing = credentials.api_key ? [] : ['api_key'];
  if (!/^https?:\/\/[^\s/]+/i.test(baseUrl)) missing.push('base_url (must be an http(s) URL)');
  if (missing.length > 0) return { missing };
  return { config: { baseUrl: baseUrl.replace(/\/+$/, ''), apiKey: credentials.api_key }, missing };
}
