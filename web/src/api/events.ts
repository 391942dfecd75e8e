import { session } from './client';

/**
 * The live feed: `GET /api/events` (Server-Sent Events) read with fetch, because EventSource cannot send the
 * Authorization header. Every message names what changed; the pages that show it read it again through the
 * API client (no polling). The stream reconnects by itself with backoff (1 s doubling to 30 s, reset once a
 * stream opens), resuming from the last event id; a `reset` or a reconnection that could not resume makes
 * every page read afresh.
 */
export type Topic = 'signals' | 'orders' | 'accounts' | 'halts' | 'sync' | 'refused';
export type LiveState = 'connecting' | 'live' | 'down';

interface Message {
  event: string;
  data: string;
  id?: string;
}

const TOPICS: Record<string, Topic[]> = {
  task: ['signals'],
  order: ['orders', 'signals'],
  account: ['accounts'],
  halt: ['halts', 'accounts'],
  sync: ['sync', 'accounts'],
  webhook: ['refused'],
};
const ALL: Topic[] = ['signals', 'orders', 'accounts', 'halts', 'sync', 'refused'];

type Listener = (topics: Topic[]) => void;
const listeners = new Set<Listener>();
const stateListeners = new Set<(s: LiveState) => void>();
let state: LiveState = 'connecting';

export const live = {
  state: () => state,
  /** Called with the topics of every event (all of them after a gap the stream could not resume). */
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  onState(l: (s: LiveState) => void): () => void {
    stateListeners.add(l);
    return () => stateListeners.delete(l);
  },
};

function setState(next: LiveState): void {
  if (next === state) return;
  state = next;
  stateListeners.forEach((l) => l(next));
}

function publish(topics: Topic[]): void {
  listeners.forEach((l) => l(topics));
}

/** Topics of one SSE message (`event:` is its type, e.g. `task.updated`). */
export function topicsOf(event: string): Topic[] {
  if (event === 'reset' || event === 'resync') return ALL;
  return TOPICS[event.split('.')[0]] ?? [];
}

/** Splits an SSE text stream into messages (the WHATWG format: fields, blank line ends a message). */
export function parseSse(buffer: string): { messages: Message[]; rest: string } {
  const messages: Message[] = [];
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    const m: Message = { event: 'message', data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') m.event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') m.id = value;
    }
    m.data = data.join('\n');
    if (data.length > 0 || m.event !== 'message') messages.push(m);
  }
  return { messages, rest };
}

let running: AbortController | null = null;

/** Opens the stream (again) for the current session; closes it when the session ends. */
export function startLive(): () => void {
  running?.abort();
  const ctrl = new AbortController();
  running = ctrl;
  void loop(ctrl.signal);
  return () => ctrl.abort();
}

async function loop(signal: AbortSignal): Promise<void> {
  let lastId: string | undefined;
  let delay = 1000;
  let first = true;
  while (!signal.aborted && session.token()) {
    setState('connecting');
    const opened = await stream(signal, lastId, (id) => (lastId = id), first);
    if (opened) {
      delay = 1000;
      first = false;
    }
    if (signal.aborted) return;
    setState('down');
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 30_000);
  }
}

/** One connection; true when it opened (the backoff starts over). */
async function stream(
  signal: AbortSignal,
  lastId: string | undefined,
  seen: (id: string) => void,
  first: boolean,
): Promise<boolean> {
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  const token = session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  if (lastId) headers['last-event-id'] = lastId;
  let res: Response;
  try {
    res = await fetch('/api/events', { headers, signal, cache: 'no-store' });
  } catch {
    return false;
  }
  if (res.status === 401) session.set(null);
  if (!res.ok || !res.body) return false;
  setState('live');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const { messages, rest } = parseSse(buffer + value);
      buffer = rest;
      for (const m of messages) {
        if (m.id) seen(m.id);
        if (m.event === 'ready') {
          if (!first && !(JSON.parse(m.data || '{}') as { resumed?: boolean }).resumed) publish(ALL);
        } else publish(topicsOf(m.event));
      }
    }
  } catch {
    // aborted or cut: the loop reconnects
  }
  return true;
}
