import type { LiveEvent, Resume } from './live-events';

/** The last `size` events this process delivered, to resume a stream from its Last-Event-ID. */
export class LiveEventRing {
  private readonly events: LiveEvent[] = [];
  private seq = 0;

  constructor(
    readonly epoch: string,
    private readonly size: number,
  ) {}

  next(): string {
    this.seq += 1;
    return `${this.epoch}-${this.seq}`;
  }

  keep(event: LiveEvent): void {
    this.events.push(event);
    if (this.events.length > this.size) this.events.shift();
  }

  /** The events after `lastEventId`; 'reset' when it is another process's, or older than what is kept. */
  since(lastEventId: string): Resume {
    const m = /^([a-z0-9]+)-(\d{1,15})$/.exec(lastEventId.trim());
    if (!m || m[1] !== this.epoch) return 'reset';
    const seq = Number(m[2]);
    if (seq > this.seq) return 'reset';
    const oldest = this.events.length > 0 ? seqOf(this.events[0]) : this.seq + 1;
    if (seq < oldest - 1) return 'reset';
    return this.events.filter((e) => seqOf(e) > seq);
  }
}

function seqOf(e: LiveEvent): number {
  return Number(e.id.slice(e.id.lastIndexOf('-') + 1));
}
