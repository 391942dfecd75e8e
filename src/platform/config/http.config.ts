import type { BlockList } from 'node:net';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { parseAddressList } from './address-list';
import { ConfigError } from './config.error';
import { validateEnv } from './validate-env';

/** The HTTP server's limits and who its proxies are. */
export class HttpEnv {
  @IsOptional() @IsString() TRUST_PROXY?: string;
  @IsInt() @Min(1000) @Max(600_000) HTTP_HEADERS_TIMEOUT_MS: number = 10_000;
  @IsInt() @Min(1000) @Max(3_600_000) HTTP_REQUEST_TIMEOUT_MS: number = 15_000;
  @IsInt() @Min(1000) @Max(3_600_000) HTTP_KEEP_ALIVE_TIMEOUT_MS: number = 72_000;
  @IsInt() @Min(1000) @Max(3_600_000) HTTP_IDLE_TIMEOUT_MS: number = 120_000;
  @IsInt() @Min(0) @Max(1_000_000) HTTP_MAX_CONNECTIONS_PER_IP: number = 128;
}

/** Fastify's `trustProxy`: off, or the proxies' addresses (never "believe any header"). */
export type TrustProxy = false | string[];

export interface HttpSettings {
  trustProxy: TrustProxy;
  /** The trusted proxies' addresses when listed: exempt from the per-client connection cap. */
  trustedProxies: BlockList | null;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  idleTimeoutMs: number;
  /** 0 = no cap. */
  maxConnectionsPerIp: number;
}

export function readHttpSettings(env: Record<string, string | undefined>): HttpSettings {
  const e = validateEnv(HttpEnv, env);
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError(
      `HTTP_HEADERS_TIMEOUT_MS (${e.HTTP_HEADERS_TIMEOUT_MS}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${e.HTTP_REQUEST_TIMEOUT_MS})`,
    );
  }
  const proxies = parseTrustProxy(e.TRUST_PROXY);
  return {
    trustProxy: proxies.trustProxy,
    trustedProxies: proxies.trustedProxies,
    headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    idleTimeoutMs: e.HTTP_IDLE_TIMEOUT_MS,
    maxConnectionsPerIp: e.HTTP_MAX_CONNECTIONS_PER_IP,
  };
}

/**
 * `TRUST_PROXY`: unset/`false`/`0` = the socket's address is the client; a list of addresses/CIDRs = the
 * proxies in front, and the client is the right-most X-Forwarded-For entry that is not one of them.
 * `true` is refused (it believes the left-most entry, which any client writes), and so is a hop count:
 * it trusts whoever connects directly as a proxy (Fastify itself now ignores hop counts).
 */
export function parseTrustProxy(
  value: string | undefined,
): Pick<HttpSettings, 'trustProxy' | 'trustedProxies'> {
  const v = (value ?? '').trim().toLowerCase();
  if (['', 'false', '0', 'no', 'off'].includes(v)) return { trustProxy: false, trustedProxies: null };
  if (['true', 'yes', 'on'].includes(v) || /^\d+$/.test(v)) {
    throw new ConfigError(
      `TRUST_PROXY=${value} would let a client choose its own address (X-Forwarded-For is written by whoever ` +
        'connects): list the addresses of the proxies in front of PropRouter instead, e.g. ' +
        'TRUST_PROXY=127.0.0.1 or TRUST_PROXY=10.0.0.2,172.16.0.0/12',
    );
  }
  const { entries, list } = parseAddressList('TRUST_PROXY', value!);
  return { trustProxy: entries, trustedProxies: list };
}
