import { HttpService } from '@nestjs/axios';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import axios, { AxiosInstance, CreateAxiosDefaults } from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/** What axios's http adapter passes to socket.setKeepAlive for every request. */
const AXIOS_KEEP_ALIVE_MS = 60_000;

interface HostAgents {
  http: HttpAgent;
  https: HttpsAgent;
}

/**
 * The connectors' HTTP clients: one keep-alive connection pool per platform host, and one axios instance
 * per host and timeout (firms on the same host with the same timeout share it). Built from the
 * @nestjs/axios instance's defaults; tests swap this provider to hand adapters their own instance.
 */
@Injectable()
export class PlatformHttpClients implements OnApplicationShutdown {
  private readonly agents = new Map<string, HostAgents>();
  private readonly clients = new Map<string, AxiosInstance>();

  constructor(private readonly httpService: HttpService) {}

  /** The client for `baseUrl`'s host, with `timeoutMs` per request. */
  forHost(baseUrl: string, timeoutMs: number): AxiosInstance {
    const origin = new URL(baseUrl).origin;
    const key = `${origin} ${timeoutMs}`;
    const existing = this.clients.get(key);
    if (existing) return existing;
    const agents = this.agentsFor(origin);
    // @nestjs/axios is ESM and its axios typings are the ESM flavour: the runtime object is the same.
    const defaults = this.httpService.axiosRef.defaults as unknown as CreateAxiosDefaults;
    const client = axios.create({
      ...defaults,
      timeout: timeoutMs,
      httpAgent: agents.http,
      httpsAgent: agents.https,
      // Orders must not follow redirects; native transport also lets errors tell whether the request left.
      maxRedirects: 0,
      // A 2xx with a body that is not JSON is an error (classified as malformed), not a string.
      transitional: { silentJSONParsing: false, forcedJSONParsing: true, clarifyTimeoutError: false },
      responseType: 'json',
    });
    this.clients.set(key, client);
    return client;
  }

  /** After the router's drain (beforeApplicationShutdown), so that tasks finishing then keep their connections. */
  onApplicationShutdown(): void {
    for (const a of this.agents.values()) {
      a.http.destroy();
      a.https.destroy();
    }
    this.agents.clear();
    this.clients.clear();
  }

  private agentsFor(origin: string): HostAgents {
    let agents = this.agents.get(origin);
    if (!agents) {
      // axios sets keep-alive to 60 s on every request's socket, the agent its own value on every release:
      // the same value makes both a no-op after the first (each change is a setsockopt call)
      const options = { keepAlive: true, keepAliveMsecs: AXIOS_KEEP_ALIVE_MS, maxFreeSockets: 16 };
      agents = { http: new HttpAgent(options), https: new HttpsAgent(options) };
      this.agents.set(origin, agents);
    }
    return agents;
  }
}
