import type { ServerResponse } from 'node:http';
import type { LiveEvent } from './live-events';

/** A client that has this much unsent on its socket is too slow: its stream is ended (it reconnects). */
const MAX_BUFFERED_BYTES = 1_048_576;

/** One open Server-Sent Events answer: messages, heartbeat comments, and the end (whoever ends it). */
export class SseStream {
  private heartbeat: NodeJS.Timeout;
  private ended = false;

  constructor(
    private readonly res: ServerResponse,
    heartbeatMs: number,
    private readonly onEnd: () => void,
  ) {
    this.heartbeat = setInterval(() => this.write(': ping\n\n'), heartbeatMs);
    this.heartbeat.unref();
    res.on('close', () => this.end());
    res.on('error', () => this.end());
  }

  /** `retry:` tells EventSource-like clients how soon to reconnect. */
  open(headers: Record<string, string>): void {
    this.res.writeHead(200, headers);
    this.write('retry: 2000\n\n');
  }

  send(event: LiveEvent): void {
    this.message(event.type, event, event.id);
  }

  message(type: string, data: unknown, id?: string): void {
    this.write(`${id ? `id: ${id}\n` : ''}event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.heartbeat);
    if (!this.res.writableEnded) this.res.end();
    this.onEnd();
  }

  private write(text: string): void {
    if (this.ended) return;
    if (this.res.writableLength > MAX_BUFFERED_BYTES) return this.end();
    this.res.write(text);
  }
}
