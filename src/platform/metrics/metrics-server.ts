import { createServer, Server } from 'node:http';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Metrics } from './metrics';
import { readMetricsPort } from './metrics.config';
import { StageTrace } from './stage-trace';

/**
 * With METRICS_PORT set: `/metrics` on 127.0.0.1:<port>, without authentication (only local processes —
 * a Prometheus beside PropRouter — can reach it), and with STAGE_TRACE=true `/stages` (the per-stage trace,
 * JSON, drained by each read); every other path is 404. Unset: nothing is opened.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('MetricsServer');
  private server: Server | null = null;

  constructor(
    private readonly metrics: Metrics,
    private readonly trace: StageTrace,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = readMetricsPort(process.env);
    if (port === null) return;
    const server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (req.method === 'GET' && path === '/stages' && this.trace.enabled) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.trace.drain()));
        return;
      }
      if (req.method !== 'GET' || path !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      this.metrics.render().then(
        (text) => res.writeHead(200, { 'content-type': this.metrics.contentType }).end(text),
        () => res.writeHead(503, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.log.log(`Metrics on http://127.0.0.1:${port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
