import Decimal from 'decimal.js';
import { WebSocket } from 'ws';
import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { wallNow } from './stats';

/** Talking to the Tradovate fake directly (its own login, orders and user WebSocket), beside the service. */

/** An access token of the fake's login, with the credentials the connection was configured with. */
export async function fakeToken(tv: FakePlatform, credentials: Record<string, string>): Promise<string> {
  const { username, password, cid, sec } = credentials;
  const res = await fetch(`${tv.url}/auth/accesstokenrequest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: username, password, cid, sec, appId: 'bench', appVersion: '1' }),
  });
  const { accessToken } = (await res.json()) as { accessToken?: string };
  if (!accessToken) throw new Error('sync-stream: the Tradovate fake refused the login');
  return accessToken;
}

export async function buyOne(
  tv: FakePlatform,
  token: string,
  account: { id: number; name: string },
): Promise<void> {
  const body = {
    accountSpec: account.name,
    accountId: account.id,
    action: 'Buy',
    symbol: 'NQZ5',
    orderQty: 1,
    orderType: 'Market',
    isAutomated: true,
  };
  const res = await fetch(`${tv.url}/order/placeorder`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`placeorder answered ${res.status}`);
}

/**
 * A bare subscriber of the fake's user WebSocket (authorize, syncrequest for cash balances): when each
 * price move's cash balance events reach a client at all.
 */
export class FrameWatcher {
  readonly latencies: number[] = [];
  private arrivals: number[] = [];
  private wanted: Decimal | null = null;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      if (!text.startsWith('a') || this.wanted === null) return;
      const now = wallNow();
      for (const m of JSON.parse(text.slice(1)) as { e?: string; d?: { entity?: { openPnL?: number } } }[]) {
        const open = m.e === 'props' ? m.d?.entity?.openPnL : undefined;
        if (open !== undefined && this.wanted.eq(open)) this.arrivals.push(now);
      }
    });
  }

  static async open(fake: FakePlatform, token: string): Promise<FrameWatcher> {
    const ws = new WebSocket(`${fake.url.replace(/^http/, 'ws')}/websocket`);
    const watcher = new FrameWatcher(ws);
    const answered = new Promise<void>((resolve) =>
      ws.on('message', (d: Buffer) => d.toString().includes('"i":1') && resolve()),
    );
    await new Promise<void>((resolve) => ws.once('open', () => resolve()));
    ws.send(`authorize\n0\n\n${token}`);
    ws.send('user/syncrequest\n1\n\n{"splitResponses":true,"entityTypes":["cashBalance"]}');
    await answered;
    return watcher;
  }

  expect(openPnl: Decimal): void {
    this.wanted = openPnl;
    this.arrivals = [];
  }

  /** Records the move's frames (each account's) against its instant. */
  settle(at: number): void {
    for (const t of this.arrivals) this.latencies.push(t - at);
    this.wanted = null;
  }

  close(): void {
    this.ws.terminate();
  }
}
