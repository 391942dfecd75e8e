import type { Server } from 'node:http';
import type { BlockList } from 'node:net';
import type { Logger } from 'pino';
import { addressListed } from '../config/address-list';

/**
 * At most `max` open connections per client address: past that a new connection is closed at once, before
 * it is read, so that one client holding many slow connections cannot use up the file descriptors every
 * other client needs. Listed proxies (TRUST_PROXY addresses) carry many clients and are not capped.
 */
export function capConnectionsPerClient(
  server: Server,
  max: number,
  trustedProxies: BlockList | null,
  logger: Logger,
): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  const warned = new Set<string>();
  server.on('connection', (socket) => {
    const ip = socket.remoteAddress;
    if (!ip || (trustedProxies && addressListed(trustedProxies, ip))) return;
    const count = open.get(ip) ?? 0;
    if (count >= max) {
      if (!warned.has(ip)) logger.warn({ ip, max }, 'connection cap reached: refusing further connections');
      warned.add(ip);
      socket.destroy();
      return;
    }
    open.set(ip, count + 1);
    socket.once('close', () => {
      const left = (open.get(ip) ?? 1) - 1;
      if (left > 0) open.set(ip, left);
      else open.delete(ip);
      if (left < max / 2) warned.delete(ip);
    });
  });
}
