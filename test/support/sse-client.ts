/** A Server-Sent Events reader over fetch (as the dashboard reads GET /api/events: with an Authorization header). */
export interface SseMessage {
  id?: string;
  event: string;
  data: string;
  /** JSON.parse(data), or undefined when it is not JSON. */
  json?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field
  /** When the message was read (performance.now()). */
  receivedAt: number;
}

export interface SseConnection {
  status: number;
  headers: Headers;
  messages: SseMessage[];
  /** Comment lines (`: ping`) seen so far. */
  comments: string[];
  /** The first message (from now on or already read) that matches, within `timeoutMs`. */
  waitFor(match: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  /** The body when the answer was not a stream (an error's JSON). */
  body?: unknown;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const conn: SseConnection = {
    status: res.status,
    headers: res.headers,
    messages,
    comments,
    close: () => abort.abort(),
    waitFor: (match, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return false;
          clearTimeout(timer);
          waiters.delete(check as () => void);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check as () => void);
          reject(
            new Error(
              `no matching event within ${timeoutMs} ms; got ${messages.map((m) => m.event).join(', ')}`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check as () => void);
      }),
  };
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) {
    conn.body = await res.json().catch(() => undefined);
    return conn;
  }
  void read(
    res,
    (m) => {
      messages.push(m);
      for (const w of [...waiters]) w();
    },
    (c) => comments.push(c),
  );
  return conn;
}

async function read(
  res: Response,
  onMessage: (m: SseMessage) => void,
  onComment: (c: string) => void,
): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const m = parseBlock(block, onComment);
        if (m) onMessage(m);
      }
    }
  } catch {
    /* aborted or closed */
  }
}

function parseBlock(block: string, onComment: (c: string) => void): SseMessage | null {
  let event = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) onComment(line.slice(1).trim());
    else if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('id: ')) id = line.slice(4);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
  }
  if (data.length === 0) return null;
  const text = data.join('\n');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { id, event, data: text, json, receivedAt: performance.now() };
}
