import { BlockList, isIP } from 'node:net';
import { ConfigError } from './config.error';

export interface AddressList {
  /** The entries as given (`10.0.0.0/8`, `2001:db8::1`). */
  entries: string[];
  /** For lookups: `check(address, family)`. */
  list: BlockList;
}

/** `52.89.214.238, 10.0.0.0/8, 2001:db8::/32` → the entries and a BlockList; a bad entry names `variable`. */
export function parseAddressList(variable: string, value: string): AddressList {
  const list = new BlockList();
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    const maxPrefix = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || !/^\d+$/.test(bits ?? '0') || prefix > maxPrefix) {
      throw new ConfigError(`${variable}: "${entry}" is not an IP address or CIDR range`);
    }
    list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return { entries, list };
}

/** Whether `ip` (as a socket or Fastify reports it; IPv4-mapped IPv6 included) is in `list`. */
export function addressListed(list: BlockList, ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return v4.includes(':') ? list.check(v4, 'ipv6') : list.check(v4, 'ipv4');
}
