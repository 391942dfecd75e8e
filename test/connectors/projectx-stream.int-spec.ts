import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { Logger } from '@nestjs/common';
import type { StreamTarget } from '../../src/connectors/application/ports/broker-connector.port';
import type {
  PlatformAccountSnapshot,
  PlatformStream,
  StreamStatus,
} from '../../src/connectors/application/ports/platform-stream.port';
import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startProjectXFake } from '../../src/connectors/fakes/projectx-fake';
import { ProjectXLogin } from '../../src/connectors/infrastructure/projectx/projectx-login';
import { SystemClock } from '../../src/platform/time/clock';
import { PX_CREDENTIALS } from './projectx-support';
import { marketOrder } from './rest-support';
import { control, setPrice } from './state-support';
import { SmallCatalog } from './tradovate-support';
import { httpClientFor } from './support/http-client';

const ACCOUNTS = [
  { id: 465, name: 'TS-50K-A' },
  { id: 466, name: 'TS-150K-B', balance: '150000' },
];
const TARGETS: StreamTarget[] = ACCOUNTS.map((a, i) => ({
  accountId: 100 + i,
  target: { firmCode: 'TOPSTEP', label: a.name, platformAccount: String(a.id), platformAccountSpec: null },
}));

/** What a stream delivered, in order. */
class Recorder {
  snapshots: PlatformAccountSnapshot[] = [];
  statuses: StreamStatus[] = [];
  /** How many snapshots had been delivered when each status came. */
  snapshotsAtStatus: number[] = [];
  onSnapshot(s: PlatformAccountSnapshot): void {
    this.snapshots.push(s);
  }
  onStatus(s: StreamStatus): void {
    this.statuses.push(s);
    this.snapshotsAtStatus.push(this.snapshots.length);
  }
  last(accountId: number): PlatformAccountSnapshot | undefined {
    return this.snapshots.filter((s) => s.accountId === accountId).at(-1);
  }
  fillIds(accountId: number): string[] {
    return this.snapshots
      .filter((s) => s.accountId === accountId)
      .flatMap((s) => s.fills.map((f) => f.fillId));
  }
}

/** Polls every 25 ms until `check` passes (it throws until then), for at most `ms`. */
async function eventually(check: () => void, ms = 1000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

describe('ProjectX user hub stream against the SignalR fake', () => {
  let fake: FakePlatform;
  let login: ProjectXLogin;
  let rec: Recorder;
  let stream: PlatformStream;
  const warnings: string[] = [];

  beforeAll(async () => {
    Logger.overrideLogger({
      log: () => undefined,
      error: (m: unknown) => void warnings.push(String(m)),
      warn: (m: unknown) => void warnings.push(String(m)),
    });
    fake = await startProjectXFake({ credentials: PX_CREDENTIALS, accounts: ACCOUNTS });
  });
  afterAll(async () => {
    await fake.close();
    Logger.overrideLogger(false);
  });
  beforeEach(() => {
    fake.reset();
    rec = new Recorder();
    login = new ProjectXLogin({
      config: {
        baseUrl: fake.url,
        username: PX_CREDENTIALS.userName,
        apiKey: PX_CREDENTIALS.apiKey,
        live: false,
      },
      http: httpClientFor(fake.url, 2000),
      clock: new SystemClock(),
      contracts: new SmallCatalog(),
      streamLink: { backoff: { firstDelayMs: 100, maxDelayMs: 400 } },
    });
  });
  afterEach(() => stream?.close());

  const open = async () => {
    stream = login.openStream(TARGETS, rec) as PlatformStream;
    await eventually(() => expect(rec.statuses.at(-1)).toEqual({ up: true, error: null }), 3000);
  };
  const place = (i: number, overrides: Parameters<typeof marketOrder>[0]) =>
    login.connector(TARGETS[i].target).placeOrder(marketOrder(overrides));

  it('delivers each account’s initial picture, then reports up; one hub connection for both accounts', async () => {
    await setPrice(fake, 'NQ', '21000');
    await place(1, { symbol: 'NQ', quantity: 2, entry_price: 21000, stop_loss: 20950 });
    await open();
    expect(rec.statuses).toEqual([{ up: true, error: null }]);
    const beforeUp = rec.snapshots.slice(0, rec.snapshotsAtStatus[0]);
    expect(beforeUp.map((x) => x.accountId)).toEqual([100, 101]);
    expect(beforeUp[1]).toMatchObject({
      balance: '150000',
      positions: [{ symbol: 'NQZ5', netQuantity: 2, averagePrice: '21000' }],
      workingOrders: [expect.objectContaining({ type: 'STOP', side: 'SELL', stopPrice: '20950' })],
      fills: [expect.objectContaining({ side: 'BUY', quantity: 2, price: '21000' })],
    });
    expect(beforeUp[0]).toMatchObject({ balance: '50000', positions: [], fills: [], workingOrders: [] });
    await eventually(() => expect(rec.last(101)?.openPnl).toBe('0')); // once the market hub quoted NQ
    expect(rec.fillIds(101)).toHaveLength(1);
    const negotiations = fake.requests().filter((r) => r.path.toLowerCase().startsWith('/hubs/'));
    expect(negotiations).toHaveLength(0); // skipped, as ProjectX's docs connect
    // one user hub and one market hub socket for the login, not one per account
    expect(await control(fake, 'drop-streams', {})).toEqual({ dropped: 2 });
  });

  it('a market order reaches the picture as a trade and a position within 1 s; its bracket closes it', async () => {
    await open();
    await setPrice(fake, 'NQ', '21000');
    const sent = Date.now();
    await place(0, { symbol: 'NQ', quantity: 1, entry_price: 21000, stop_loss: 20990, take_profit: 21010 });
    await eventually(() =>
      expect(rec.last(100)).toMatchObject({
        positions: [{ symbol: 'NQZ5', netQuantity: 1, averagePrice: '21000' }],
        workingOrders: [
          expect.objectContaining({ type: 'STOP', stopPrice: '20990' }),
          expect.objectContaining({ type: 'LIMIT', limitPrice: '21010' }),
        ],
      }),
    );
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(rec.fillIds(100)).toHaveLength(1);
    expect(rec.snapshots.filter((s) => s.accountId === 100).flatMap((s) => s.fills)[0]).toMatchObject({
      side: 'BUY',
      quantity: 1,
      price: '21000',
      clientOrderId: expect.stringMatching(/^coid-/),
    });

    await setPrice(fake, 'NQ', '20989.75'); // through the stop: flat, the target cancelled, 10.25 × 20 lost
    await eventually(() =>
      expect(rec.last(100)).toMatchObject({ positions: [], workingOrders: [], balance: '49795' }),
    );
    expect(rec.fillIds(100)).toHaveLength(2);
  });

  it('a price move reaches the holder’s open P&L over the market hub within 1 s, exactly', async () => {
    await setPrice(fake, 'NQ', '21000');
    await place(1, { symbol: 'NQ', quantity: 2 });
    await place(0, { symbol: 'ES', side: 'SELL', quantity: 1 });
    await open();
    await eventually(() => expect(rec.last(101)?.openPnl).toBe('0'));
    const sent = Date.now();
    await setPrice(fake, 'NQ', '21012.75'); // 51 ticks × $5 × 2
    await eventually(() => expect(rec.last(101)?.openPnl).toBe('510'));
    expect(Date.now() - sent).toBeLessThan(1000);
    await setPrice(fake, 'ES', '4999.75'); // the short gains 1 tick of $12.50
    await eventually(() => expect(rec.last(100)?.openPnl).toBe('12.5'));
    expect(rec.last(101)?.openPnl).toBe('510');
    await place(1, { symbol: 'NQ', side: 'SELL', quantity: 2 }); // flat: realized, no open P&L
    await eventually(() =>
      expect(rec.last(101)).toMatchObject({ openPnl: '0', positions: [], balance: '150510' }),
    );
  });

  it('a trade pushed twice is reported once', async () => {
    await open();
    await control(fake, 'duplicate-fills', { on: true });
    await place(1, { symbol: 'ES', side: 'SELL', quantity: 3 });
    await eventually(() =>
      expect(rec.last(101)?.positions).toEqual([{ symbol: 'ESZ5', netQuantity: -3, averagePrice: '5000' }]),
    );
    await place(1, { symbol: 'ES', side: 'BUY', quantity: 3 });
    await eventually(() => expect(rec.last(101)?.positions).toEqual([]));
    const ids = rec.fillIds(101);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });

  it('a dropped hub: down, reconnect, up with the current picture and the trades made while down', async () => {
    await open();
    await control(fake, 'refuse-streams', { ms: 600 });
    await control(fake, 'drop-streams', {});
    await eventually(() => expect(rec.statuses.at(-1)?.up).toBe(false));
    await place(0, { symbol: 'NQ', quantity: 2 }); // while the hub is down: only the resync can see it
    expect(rec.statuses.at(-1)?.up).toBe(false);
    await eventually(() => expect(rec.statuses.at(-1)).toEqual({ up: true, error: null }), 3000);
    expect(rec.last(100)).toMatchObject({ positions: [{ symbol: 'NQZ5', netQuantity: 2 }] });
    expect(rec.fillIds(100)).toHaveLength(1);
    const down = rec.statuses.find((s) => !s.up);
    expect(down?.error).toMatch(/^ProjectX user hub: /);

    await place(0, { symbol: 'NQ', side: 'SELL', quantity: 2 }); // and the re-subscribed hub pushes again
    await eventually(() => expect(rec.last(100)?.positions).toEqual([]));
    expect(rec.fillIds(100)).toHaveLength(2);
  });

  it('a REST read failing during the resync keeps the stream down until a later attempt completes it', async () => {
    await open();
    fake.addFault({ fault: { kind: 'http', status: 503 }, path: '/api/position/searchopen', times: 2 });
    await control(fake, 'drop-streams', {});
    await eventually(() => expect(rec.statuses.at(-1)?.up).toBe(false));
    await eventually(() => expect(rec.statuses.at(-1)).toEqual({ up: true, error: null }), 4000);
    const downs = rec.statuses.filter((s) => !s.up).map((s) => s.error);
    expect(downs.some((e) => /503/.test(e ?? ''))).toBe(true);
    const searches = fake.requests().filter((r) => r.path.toLowerCase() === '/api/position/searchopen');
    expect(searches.length).toBeGreaterThanOrEqual(2 + 2 * ACCOUNTS.length); // first picture, failures, retry
  });

  it('expired tokens: the reconnect is refused, the session logs in again, the stream comes back', async () => {
    await open();
    await control(fake, 'expire-tokens', {});
    await control(fake, 'drop-streams', {});
    await eventually(() => expect(rec.statuses.at(-1)?.up).toBe(false));
    await eventually(() => expect(rec.statuses.at(-1)).toEqual({ up: true, error: null }), 4000);
    const logins = fake.requests().filter((r) => r.path.toLowerCase() === '/api/auth/loginkey');
    expect(logins.length).toBeGreaterThanOrEqual(2);
    await place(0, { symbol: 'NQ', quantity: 1 });
    await eventually(() =>
      expect(rec.last(100)?.positions).toEqual([expect.objectContaining({ netQuantity: 1 })]),
    );
    const texts = [...warnings, ...rec.statuses.map((s) => s.error ?? '')].join('\n');
    expect(texts).not.toContain(PX_CREDENTIALS.apiKey);
    expect(texts).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  });

  it('an account naming no ProjectX account is left out of the stream (the sync polls it), the rest stream', async () => {
    const odd: StreamTarget = {
      accountId: 999,
      target: {
        firmCode: 'TOPSTEP',
        label: 'no-id',
        platformAccount: 'not-a-number',
        platformAccountSpec: null,
      },
    };
    stream = login.openStream([odd, TARGETS[0]], rec) as PlatformStream;
    await eventually(() => expect(rec.statuses.at(-1)).toEqual({ up: true, error: null }), 3000);
    expect(rec.snapshots.map((x) => x.accountId)).toEqual([100]);
  });

  it('the fake’s hub also negotiates, completes invocations with the platform’s errors, and refuses a bad token', async () => {
    const res = await fetch(`${fake.url}/api/Auth/loginKey`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(PX_CREDENTIALS),
    });
    const { token } = (await res.json()) as { token: string };
    const hub = (t: string) =>
      new HubConnectionBuilder()
        .withUrl(`${fake.url}/hubs/user`, { accessTokenFactory: () => t })
        .configureLogging(LogLevel.None)
        .build();
    const good = hub(token);
    await good.start(); // negotiate (POST /hubs/user/negotiate?negotiateVersion=1), then WebSockets
    const negotiated = fake.requests().filter((r) => r.path.startsWith('/hubs/user/negotiate'));
    expect(negotiated).toEqual([expect.objectContaining({ method: 'POST' })]);
    await expect(good.invoke('SubscribeOrders', 465)).resolves.toBeNull();
    await expect(good.invoke('SubscribeOrders', 'x')).rejects.toThrow(/HubException: accountId/);
    await expect(good.invoke('NoSuchMethod')).rejects.toThrow(/Method does not exist/);
    await good.stop();
    await expect(hub('not-a-token').start()).rejects.toThrow(/401/);
  });
});
