import { Logger } from '@nestjs/common';
import { WebSocket } from 'ws';
import type {
  StreamListener,
  StreamStatus,
} from '../../src/connectors/application/ports/platform-stream.port';
import type { FakePlatform } from '../../src/connectors/fakes/fake-platform';
import { startTradovateFake } from '../../src/connectors/fakes/tradovate-fake';
import { TradovateLogin } from '../../src/connectors/infrastructure/tradovate/tradovate-login';
import type { TradovateUserStream } from '../../src/connectors/infrastructure/tradovate/tradovate-user-stream';
import { SystemClock } from '../../src/platform/time/clock';
import type { PlatformAccountSnapshot } from '../../src/shared-kernel/platform-state';
import { control, setPrice } from './state-support';
import { httpClientFor } from './support/http-client';
import {
  accessToken,
  count,
  order,
  SmallCatalog,
  tradovateConfig,
  TV_CREDENTIALS,
} from './tradovate-support';

const ACCOUNTS = [
  { id: 7001, name: 'APEX-50K-01', balance: '50000' },
  { id: 7002, name: 'APEX-50K-02', balance: '25000.50' },
];
const TARGETS = ACCOUNTS.map((a, i) => ({
  accountId: i + 1,
  target: {
    firmCode: 'APEX',
    label: `apex-${i + 1}`,
    platformAccount: String(a.id),
    platformAccountSpec: a.name,
  },
}));
const TIMINGS = {
  heartbeatMs: 100,
  deadAfterMs: 3000,
  connectTimeoutMs: 2000,
  backoff: { baseMs: 50, maxMs: 400 },
};

/** What the stream delivered, in order. */
class Recorder implements StreamListener {
  snapshots: PlatformAccountSnapshot[] = [];
  statuses: StreamStatus[] = [];
  onSnapshot(s: PlatformAccountSnapshot): void {
    this.snapshots.push(s);
  }
  onStatus(s: StreamStatus): void {
    this.statuses.push(s);
  }
  latest(accountId: number): PlatformAccountSnapshot | undefined {
    return this.snapshots.filter((s) => s.accountId === accountId).at(-1);
  }
  fillIds(accountId: number): string[] {
    return this.snapshots
      .filter((s) => s.accountId === accountId)
      .flatMap((s) => s.fills.map((f) => f.fillId));
  }
  get isUp(): boolean {
    return this.statuses.at(-1)?.up === true;
  }
}

/** Polls every 25 ms until `check` holds; fails after `ms`. */
async function until(check: () => boolean, ms = 1000, what = 'condition'): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - start;
}

describe('Tradovate user stream: the client against the fake user WebSocket', () => {
  let fake: FakePlatform;
  let login: TradovateLogin;
  let rec: Recorder;
  let stream: TradovateUserStream;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    fake = await startTradovateFake({ credentials: TV_CREDENTIALS, accounts: ACCOUNTS, tokenTtlS: 60 });
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    await setPrice(fake, 'NQ', '21000');
    login = newLogin(fake);
    rec = new Recorder();
    stream = login.openStream(TARGETS, rec) as TradovateUserStream;
    await until(() => rec.isUp, 2000, 'the stream up');
  });
  afterEach(() => stream.close());

  const buy = (quantity: number, accountIndex = 0) =>
    login.connector(TARGETS[accountIndex].target).placeOrder(order({ symbol: 'NQ1!', quantity }));

  it('delivers each account its initial picture before reporting up', () => {
    expect(rec.statuses).toEqual([{ up: true, error: null }]);
    expect(rec.snapshots.map((s) => [s.accountId, s.balance, s.openPnl, s.positions])).toEqual([
      [1, '50000', '0', []],
      [2, '25000.5', '0', []],
    ]);
  });

  it('a market order: its fill and position within 1 s, money as decimal text; the price moves open P&L', async () => {
    const sent = Date.now();
    await buy(2);
    await until(() => rec.latest(1)?.positions.length === 1, 1000, 'the position');
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(rec.latest(1)?.positions).toEqual([{ symbol: 'NQZ5', netQuantity: 2, averagePrice: '21000' }]);
    expect(rec.fillIds(1)).toHaveLength(1);
    expect(rec.snapshots.flatMap((s) => s.fills)[0]).toMatchObject({
      side: 'BUY',
      quantity: 2,
      price: '21000',
    });

    const moved = Date.now();
    await setPrice(fake, 'NQ', '21010.25');
    await until(() => rec.latest(1)?.openPnl === '410', 1000, 'open P&L 410');
    expect(Date.now() - moved).toBeLessThan(1000);
    expect(rec.latest(2)?.openPnl).toBe('0');
  });

  it('a fill the platform sends twice is reported once', async () => {
    await control(fake, 'duplicate-fills', { on: true });
    await buy(1, 1);
    await until(() => rec.fillIds(2).length > 0, 1000, 'the fill');
    await new Promise((r) => setTimeout(r, 150)); // the second copy comes in a frame of its own
    expect(rec.fillIds(2)).toHaveLength(1);
  });

  it('a dropped socket: down, reconnect, up again with the current picture and the fills made meanwhile', async () => {
    await control(fake, 'refuse-streams', { ms: 400 });
    expect(await control(fake, 'drop-streams', {})).toEqual({ dropped: 1 }); // one socket for both accounts
    await until(() => !rec.isUp, 1000, 'the stream down');
    expect(rec.statuses.at(-1)?.error).toMatch(/^Tradovate user stream: /);
    await buy(3); // REST still works while the stream is down
    const before = rec.snapshots.length;
    await until(() => rec.isUp, 3000, 'the stream up again');
    const resync = rec.snapshots.slice(before);
    expect(resync.find((s) => s.accountId === 1)).toMatchObject({
      positions: [{ symbol: 'NQZ5', netQuantity: 3, averagePrice: '21000' }],
      fills: [expect.objectContaining({ quantity: 3 })],
    });
    const downs = rec.statuses.slice(1, -1); // each failed attempt with its own reason: the drop, then the 503
    expect(downs.length).toBeGreaterThanOrEqual(1);
    expect(downs.every((s) => !s.up && s.error?.startsWith('Tradovate user stream: '))).toBe(true);
    expect([rec.statuses[0].up, rec.statuses.at(-1)?.up]).toEqual([true, true]);
  });

  it('expired tokens: the reconnect is refused, logs in again and comes back up; no secret in any status', async () => {
    const logins = count(fake, '/auth/accesstokenrequest');
    await control(fake, 'expire-tokens', {});
    await control(fake, 'drop-streams', {});
    await until(() => !rec.isUp, 1000, 'the stream down');
    await until(() => rec.isUp, 3000, 'the stream up again');
    expect(count(fake, '/auth/accesstokenrequest')).toBe(logins + 1);
    const texts = JSON.stringify(rec.statuses);
    for (const secret of [...login.secrets(), TV_CREDENTIALS.sec]) expect(texts).not.toContain(secret);
    await buy(1);
    await until(() => rec.latest(1)?.positions[0]?.netQuantity === 1, 1000, 'a position after the recovery');
  });

  it('close() ends the socket and reconnects no more', async () => {
    await stream.close();
    const statuses = rec.statuses.length;
    await control(fake, 'drop-streams', {});
    await buy(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(rec.statuses).toHaveLength(statuses);
    expect(rec.latest(1)?.positions).toEqual([]);
  });
});

describe('Tradovate user stream: token renewal while the socket is quiet', () => {
  it('renews the login’s token before it expires', async () => {
    const fake = await startTradovateFake({ credentials: TV_CREDENTIALS, accounts: ACCOUNTS, tokenTtlS: 1 });
    const rec = new Recorder();
    const stream = newLogin(fake).openStream(TARGETS, rec) as TradovateUserStream;
    try {
      await until(() => rec.isUp, 2000, 'the stream up');
      await until(() => count(fake, '/auth/renewaccesstoken') > 0, 1500, 'a renewal');
      expect(count(fake, '/auth/accesstokenrequest')).toBe(1);
    } finally {
      await stream.close();
      await fake.close();
    }
  });
});

describe('Tradovate user stream: a socket that goes silent', () => {
  it('is declared dead after deadAfterMs without a frame, and replaced', async () => {
    const fake = await startTradovateFake({
      credentials: TV_CREDENTIALS,
      accounts: ACCOUNTS,
      streamHeartbeatMs: 50,
    });
    const rec = new Recorder();
    const timings = { ...TIMINGS, heartbeatMs: 50, deadAfterMs: 300 };
    const stream = newLogin(fake, timings).openStream(TARGETS, rec) as TradovateUserStream;
    try {
      await until(() => rec.isUp, 2000, 'the stream up');
      await new Promise((r) => setTimeout(r, 400)); // heartbeats keep a quiet socket alive
      expect(rec.statuses).toHaveLength(1);
      await control(fake, 'mute-streams', {});
      const silentFor = await until(() => !rec.isUp, 1000, 'the stream down');
      expect(silentFor).toBeGreaterThanOrEqual(200);
      expect(rec.statuses.at(-1)?.error).toBe('Tradovate user stream: no frame for 300 ms');
      await until(() => rec.isUp, 2000, 'the stream up on a new socket');
    } finally {
      await stream.close();
      await fake.close();
    }
  });
});

describe('Tradovate fake user WebSocket: the framing as the docs show it', () => {
  it('o, authorize, syncrequest with entity types, props events, a duplicated fill pushed twice, h', async () => {
    const fake = await startTradovateFake({
      credentials: TV_CREDENTIALS,
      accounts: ACCOUNTS,
      streamHeartbeatMs: 200,
    });
    const frames: string[] = [];
    const ws = new WebSocket(`${fake.url.replace('http', 'ws')}/websocket`);
    ws.on('message', (d: Buffer) => frames.push(d.toString()));
    // the frames but the server's heartbeats, which may come between any two (every 200 ms)
    const answers = () => frames.filter((f) => f !== 'h');
    try {
      await until(() => frames.includes('o'), 1000, 'the open frame');
      ws.send('user/syncrequest\n1\n\n{}');
      await until(() => answers().length === 2, 1000, 'a refusal');
      expect(JSON.parse(answers()[1].slice(1))).toEqual([{ s: 401, i: 1, d: 'Access is denied' }]);

      const token = await accessToken(fake);
      ws.send(`authorize\n0\n\n${token}`);
      await until(() => answers().length === 3, 1000, 'the authorization');
      expect(answers()[2]).toBe('a[{"s":200,"i":0}]');
      ws.send('user/syncrequest\n1\n\n{"splitResponses":true,"entityTypes":["cashBalance","fill"]}');
      await until(() => answers().length === 4, 1000, 'the snapshot');
      const [snapshot] = JSON.parse(answers()[3].slice(1)) as {
        s: number;
        i: number;
        d: Record<string, unknown>;
      }[];
      expect(snapshot).toMatchObject({ s: 200, i: 1 });
      expect(Object.keys(snapshot.d).sort()).toEqual(['cashBalances', 'fills', 'users']);

      await control(fake, 'duplicate-fills', { on: true });
      await placeMarket(fake, token);
      await until(() => fillEvents(frames).length === 2, 1000, 'the fill twice');
      await setPrice(fake, 'NQ', '18001'); // bought at the 18,000 mark: open P&L 20
      const [first, second] = fillEvents(frames);
      expect(first.entity.id).toBe(second.entity.id);
      await until(() => frames.some((f) => f.includes('"openPnL":20')), 1000, 'the open P&L');
      const types = frames
        .slice(4)
        .flatMap((f) => (f.startsWith('a') ? eventsOf(f).map((e) => e.entityType) : []));
      expect(new Set(types)).toEqual(new Set(['fill', 'cashBalance'])); // only the types asked for
      await until(() => frames.includes('h'), 1000, 'a server heartbeat');
    } finally {
      ws.terminate();
      await fake.close();
    }
  });
});

function newLogin(fake: FakePlatform, streamTimings = TIMINGS): TradovateLogin {
  const { accountId: _id, accountSpec: _spec, ...config } = tradovateConfig(fake.url);
  return new TradovateLogin({
    config,
    http: httpClientFor(fake.url, 2000),
    clock: new SystemClock(),
    contracts: new SmallCatalog(),
    streamTimings,
  });
}

interface Props {
  entityType: string;
  eventType: string;
  entity: { id: number };
}
const eventsOf = (frame: string): Props[] =>
  (JSON.parse(frame.slice(1)) as { e?: string; d: Props }[]).filter((m) => m.e === 'props').map((m) => m.d);
const fillEvents = (frames: string[]): Props[] =>
  frames.filter((f) => f.startsWith('a')).flatMap((f) => eventsOf(f).filter((e) => e.entityType === 'fill'));

async function placeMarket(fake: FakePlatform, token: string): Promise<void> {
  const body = {
    accountSpec: ACCOUNTS[0].name,
    accountId: ACCOUNTS[0].id,
    action: 'Buy',
    symbol: 'NQZ5',
    orderQty: 1,
    orderType: 'Market',
    isAutomated: true,
  };
  const res = await fetch(`${fake.url}/order/placeorder`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`placeorder answered ${res.status}`);
}
