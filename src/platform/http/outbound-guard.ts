import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where a URL an admin typed in (a calendar to import, a notification webhook) may lead the service. Some
 * addresses are never a calendar or a chat service, and reaching them from inside the host is the classic
 * server-side request forgery: link-local (169.254.0.0/16 holds the cloud metadata service that hands out
 * the machine's credentials; fe80::/10; fd00:ec2::254 is AWS's IPv6 one), the unspecified address (0.0.0.0
 * and :: reach this very host), multicast and broadcast. Loopback and private networks stay allowed: a
 * self-hosted router may well post to a bridge on the trader's own LAN or machine.
 */
const NEVER = new BlockList();
NEVER.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER.addSubnet('224.0.0.0', 4, 'ipv4');
NEVER.addAddress('255.255.255.255', 'ipv4');
NEVER.addSubnet('fe80::', 10, 'ipv6');
NEVER.addSubnet('ff00::', 8, 'ipv6');
NEVER.addAddress('::', 'ipv6');
NEVER.addAddress('fd00:ec2::254', 'ipv6');

/** The reason `ip` may not be reached, or null. IPv4-mapped IPv6 (`::ffff:169.254.169.254`) is read as IPv4. */
export function refusedAddress(ip: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const address = mapped ? mapped[1] : ip;
  const family = isIP(address);
  if (family === 0) return `"${ip}" is not an IP address`;
  if (!NEVER.check(address, family === 6 ? 'ipv6' : 'ipv4')) return null;
  return `${ip} is a link-local, unspecified or multicast address (cloud metadata and this host's own services live there)`;
}

/** Resolves a host name to every address it has (a test passes its own). */
export type Resolver = (host: string) => Promise<string[]>;

const dnsResolver: Resolver = async (host) => (await lookup(host, { all: true })).map((a) => a.address);

/** An outbound URL that was refused before any request: a problem with the URL, for a 400 or a failed send. */
export class OutboundRefused extends Error {
  override readonly name = 'OutboundRefused';
}

/**
 * Refuses a URL that is not http(s) or whose host is, or resolves to, an address `refusedAddress` names.
 * Checked before each request and each redirect hop; a name that resolves differently between this check
 * and the connection (DNS rebinding) is not caught here.
 */
export async function assertOutboundUrl(raw: string, resolve: Resolver = dnsResolver): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefused('not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundRefused(`${url.protocol} URLs are not followed (http or https only)`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      return url; // unresolvable: the request itself fails and says so
    }
  }
  for (const a of addresses) {
    const reason = refusedAddress(a);
    if (reason) throw new OutboundRefused(`refused: ${host === a ? '' : `${host} resolves to `}${reason}`);
  }
  return url;
}

/**
 * `fetch` for URLs an admin typed in: every hop checked by `assertOutboundUrl`, at most `maxRedirects`
 * redirects followed (0: a redirect is an answer, returned as it is).
 */
export async function guardedFetch(
  raw: string,
  init: RequestInit & { maxRedirects: number },
  resolve: Resolver = dnsResolver,
): Promise<Response> {
  const { maxRedirects, ...rest } = init;
  let url = raw;
  for (let hop = 0; ; hop++) {
    await assertOutboundUrl(url, resolve);
    const res = await fetch(url, { ...rest, redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location || hop >= maxRedirects) return res;
    await res.body?.cancel();
    url = new URL(location, url).toString();
  }
}
