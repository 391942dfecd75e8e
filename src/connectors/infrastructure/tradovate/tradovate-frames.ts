/**
 * Tradovate's WebSocket framing (partner.tradovate.com "WebSocket Connections"; tradovate/example-api-js).
 * The server sends `o` once open, `h` as a heartbeat, `c[code,"reason"]` before it closes, and `a[...]`: a
 * JSON array of responses (`{s, i, d}`: status, the request's id, data) and events (`{e, d}`, e.g. `props`).
 * The client sends `[]` as its heartbeat and requests as newline-separated `endpoint\nid\nquery\nbody`.
 */

export type ServerMessage =
  | { kind: 'response'; id: number; status: number; data: unknown }
  | { kind: 'event'; event: string; data: unknown };

export type ServerFrame =
  | { kind: 'open' }
  | { kind: 'heartbeat' }
  | { kind: 'close'; reason: string }
  | { kind: 'messages'; messages: ServerMessage[] }
  | { kind: 'malformed' };

/** The client's heartbeat frame, due every ~2.5 s. */
export const CLIENT_HEARTBEAT = '[]';

export function parseServerFrame(text: string): ServerFrame {
  const type = text.charAt(0);
  if (type === 'o') return { kind: 'open' };
  if (type === 'h') return { kind: 'heartbeat' };
  const payload = json(text.slice(1));
  if (type === 'c') {
    const reason = Array.isArray(payload) ? payload.map(String).join(' ') : 'closed by the server';
    return { kind: 'close', reason };
  }
  if (type !== 'a' || !Array.isArray(payload)) return { kind: 'malformed' };
  const messages: ServerMessage[] = [];
  for (const item of payload) {
    const message = serverMessage(item);
    if (!message) return { kind: 'malformed' };
    messages.push(message);
  }
  return { kind: 'messages', messages };
}

/** A request frame: `endpoint\nid\nquery\nbody` (a body that is not text is sent as JSON). */
export function requestFrame(endpoint: string, id: number, body: unknown, query = ''): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return `${endpoint}\n${id}\n${query}\n${text}`;
}

/** A `props` event's payload: one entity created, updated or deleted. */
export interface PropsData {
  entityType: string;
  eventType: 'Created' | 'Updated' | 'Deleted';
  entity: Record<string, unknown>;
}

/** The event's `props` payload, or null when the event is something else or misshapen. */
export function propsData(message: ServerMessage): PropsData | null {
  if (message.kind !== 'event' || message.event !== 'props') return null;
  const d = message.data as Partial<PropsData> | null;
  const ok =
    !!d &&
    typeof d.entityType === 'string' &&
    (d.eventType === 'Created' || d.eventType === 'Updated' || d.eventType === 'Deleted') &&
    !!d.entity &&
    typeof d.entity === 'object';
  return ok ? (d as PropsData) : null;
}

function serverMessage(item: unknown): ServerMessage | null {
  if (!item || typeof item !== 'object') return null;
  const m = item as Record<string, unknown>;
  if (typeof m.e === 'string') return { kind: 'event', event: m.e, data: m.d };
  if (typeof m.i === 'number' && typeof m.s === 'number') {
    return { kind: 'response', id: m.i, status: m.s, data: m.d };
  }
  return null;
}

function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
