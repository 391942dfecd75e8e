import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import Pool from 'undici/lib/dispatcher/pool';
import { PlatformHttpClient } from './platform-http-client';

/**
 * How long an idle pooled connection is kept when the platform's `Keep-Alive` header names no shorter time:
 * under the 60 s idle timeout of common load balancers, so that this side closes first instead of writing
 * an order into a connection the platform is closing.
 */
const IDLE_KEEP_ALIVE_MS = 30_000;
/** The TCP keep-alive probe delay on every platform socket (the value axios used to set). */
const TCP_KEEP_ALIVE_MS = 60_000;

/**
 * The connectors' HTTP clients: one keep-alive connection pool per platform host (undici, TCP_NODELAY and
 * TCP keep-alive on every socket, one request at a time per connection), and one client per host and
 * timeout (firms on the same host with the same timeout share it). Tests build their own with `new`.
 */
@Injectable()
export class PlatformHttpClients implements OnApplicationShutdown {
  private readonly pools = new Map<string, Pool>();
  private readonly clients = new Map<string, PlatformHttpClient>();

  /** The client for `baseUrl`'s host, with `timeoutMs` per request. */
  forHost(baseUrl: string, timeoutMs: number): PlatformHttpClient {
    const origin = new URL(baseUrl).origin;
    const key = `${origin} ${timeoutMs}`;
    const existing = this.clients.get(key);
    if (existing) return existing;
    const client = new PlatformHttpClient(this.poolFor(origin), origin, timeoutMs);
    this.clients.set(key, client);
    return client;
  }

  /** After the router's drain (beforeApplicationShutdown), so that tasks finishing then keep their connections. */
  async onApplicationShutdown(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    this.clients.clear();
    await Promise.all(pools.map((p) => p.destroy()));
  }

  private poolFor(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        pipelining: 1,
        keepAliveTimeout: IDLE_KEEP_ALIVE_MS,
        connect: { keepAlive: true, keepAliveInitialDelay: TCP_KEEP_ALIVE_MS, noDelay: true },
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}
