import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeOrderRecord } from '../../src/connectors/fakes/fake-platform';
import { FanOut, startFanOut } from '../accounts/support/fan-out';

/**
 * The README's "Alert templates", read from the README itself and sent exactly as written — the placeholders
 * replaced as TradingView replaces them for a strategy's long entry of 1 contract at 21500.25 — to the built
 * service on Postgres, checking the orders the Tradovate, ProjectX and REST fakes receive.
 */
const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const SECRET = 'change-me-long-secret';

/** What TradingView puts for each placeholder when the strategy goes long 1 at 21500.25. */
const TRADINGVIEW: Record<string, string> = {
  ticker: 'NQ1!',
  close: '21500.25',
  'strategy.order.action': 'buy',
  'strategy.order.contracts': '1',
  'strategy.market_position': 'long',
  'strategy.prev_market_position': 'flat',
  'strategy.order.id': 'Long',
  timenow: '2026-12-02T14:30:00Z',
};

interface Template {
  /** The bold title above it, e.g. "TradersPost". */
  name: string;
  body: string;
}

/** Every fenced block of the section, with the bold title it follows (a second block keeps the title). */
function templates(): Template[] {
  const start = README.indexOf('### Alert templates\n');
  if (start < 0) throw new Error('the README has no "Alert templates" section');
  const section = README.slice(start, README.indexOf('\n### ', start + 1));
  const found: Template[] = [];
  let name = '';
  const lines = section.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const title = /^\*\*([^*]+)\*\*/.exec(lines[i]);
    if (title) name = title[1];
    if (!/^```(json|text)$/.test(lines[i])) continue;
    const end = lines.indexOf('```', i + 1);
    found.push({ name, body: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return found;
}

/** The body as TradingView sends it: each placeholder replaced (an unknown one fails the test). */
function fired(body: string): string {
  return body.replace(/\{\{([^{}]+)\}\}/g, (_, name: string) => {
    const value = TRADINGVIEW[name.trim()];
    if (value === undefined) throw new Error(`no TradingView value for {{${name}}}`);
    return value;
  });
}

const TEMPLATES = templates();
/** The templates whose title starts so, in README order. */
const named = (title: string) => TEMPLATES.filter((t) => t.name.startsWith(title));

describe('the README alert templates, sent as written (e2e, built service, platform fakes)', () => {
  let f: FanOut;
  beforeAll(async () => {
    f = await startFanOut('alert_templates', { WEBHOOK_SECRET: SECRET, PROTECT_ENABLED: 'false' });
    for (const p of ['tradovate', 'projectx'] as const) f.fake(p).setPrice('NQZ5', '21500.25');
  }, 120_000);
  afterAll(() => f?.close());

  /** POSTs the body as TradingView does (application/json when it is valid JSON, else text/plain). */
  async function send(
    body: string,
  ): Promise<{ status: number; text: string; json: Record<string, unknown> }> {
    let json = true;
    try {
      JSON.parse(body);
    } catch {
      json = false;
    }
    const r = await fetch(`${f.svc.url}/api/webhooks/tradingview`, {
      method: 'POST',
      headers: { 'content-type': json ? 'application/json' : 'text/plain; charset=utf-8' },
      body,
    });
    const text = await r.text();
    return { status: r.status, text, json: JSON.parse(text) };
  }

  /** Sends the template, waits for its task; the orders each fake received for it. */
  async function route(t: Template): Promise<Record<'tradovate' | 'projectx' | 'rest', FakeOrderRecord[]>> {
    const seen = Object.fromEntries(
      (['tradovate', 'projectx', 'rest'] as const).map((p) => [p, f.fake(p).orders().length]),
    );
    const r = await send(fired(t.body));
    expect([r.status, r.text]).toEqual([202, expect.any(String)]);
    const task = await f.task(Number(r.json.task_id));
    expect(task.status).toBe('COMPLETED');
    expect(task.result.connector_results.map((c: { status: string }) => c.status)).not.toContain('FAILED');
    return Object.fromEntries(
      (['tradovate', 'projectx', 'rest'] as const).map((p) => [p, f.fake(p).orders().slice(seen[p])]),
    ) as Record<'tradovate' | 'projectx' | 'rest', FakeOrderRecord[]>;
  }

  const bodies = (orders: FakeOrderRecord[]) => orders.map((o) => o.body as Record<string, unknown>);

  it('the section has two templates for TradingView, one for TradersPost and PickMyTrade, two for CrossTrade', () => {
    expect(TEMPLATES.map((t) => t.name.split(',')[0])).toEqual([
      'TradingView',
      'TradingView',
      'TradersPost',
      'PickMyTrade',
      'CrossTrade',
      'CrossTrade',
    ]);
  });

  it('TradingView, PropRouter’s format: a bracket of a 40-tick stop and an 80-tick target at both platforms', async () => {
    const orders = await route(named('TradingView, PropRouter')[0]);
    expect(bodies(orders.tradovate)[0]).toMatchObject({
      accountId: 7002,
      action: 'Buy',
      symbol: 'NQZ5',
      orderQty: 1,
      orderType: 'Market',
      bracket1: { action: 'Sell', orderType: 'Limit', price: 21520.25 },
      bracket2: { action: 'Sell', orderType: 'Stop', stopPrice: 21490.25 },
    });
    expect(bodies(orders.projectx)[0]).toMatchObject({
      accountId: 8801,
      type: 2,
      side: 0,
      size: 1,
      stopLossBracket: { ticks: -40, type: 4 },
      takeProfitBracket: { ticks: 80, type: 1 },
    });
    expect(orders.rest).toEqual([]);
  });

  it('TradingView, a break-even: a Tradovate order strategy whose stop moves to the fill 8 ticks up', async () => {
    const tv = f.fake('tradovate');
    const started = () =>
      tv.requests().filter((r) => /orderstrategy\/startorderstrategy/i.test(r.path)).length;
    const before = { started: started(), held: tv.accountPositions()['7002']?.NQZ5 ?? 0 };
    const orders = await route(named('TradingView, a break-even')[0]);
    expect(started()).toBe(before.started + 1);
    // placed at the fill (21500.25): the stop 10 points under it, the target 40 over
    expect(orders.tradovate.map((o) => [o.type, o.side, o.status])).toEqual([
      ['Market', 'BUY', 'Filled'],
      ['Limit', 'SELL', 'Working'],
      ['Stop', 'SELL', 'Working'],
    ]);
    expect(bodies(orders.tradovate)[2]).toMatchObject({ stopPrice: 21490.25 });
    expect([orders.projectx, orders.rest]).toEqual([[], []]);
    const stop = () => tv.orders().find((o) => o.id === orders.tradovate[2].id)!;
    tv.setPrice('NQZ5', '21502'); // 7 ticks up: the stop stays
    tv.setPrice('NQZ5', '21500.25');
    expect(stop().status).toBe('Working');
    tv.setPrice('NQZ5', '21502.25'); // 8 ticks up: the stop moves to the fill, where the market then takes it
    tv.setPrice('NQZ5', '21500.25');
    expect(stop().status).toBe('Filled');
    expect(tv.accountPositions()['7002'].NQZ5).toBe(before.held);
  });

  it('TradersPost: the trailing stop reaches Tradovate as a TrailingStop and ProjectX as a type-5 bracket', async () => {
    const orders = await route(named('TradersPost')[0]);
    expect(bodies(orders.tradovate)[0]).toMatchObject({
      accountId: 7002,
      action: 'Buy',
      orderQty: 1,
      bracket1: { action: 'Sell', orderType: 'Limit', price: 21540.25 },
      bracket2: { action: 'Sell', orderType: 'TrailingStop', stopPrice: 21490.25, pegDifference: -10 },
    });
    expect(orders.tradovate.map((o) => [o.type, o.side])).toContainEqual(['TrailingStop', 'SELL']);
    expect(bodies(orders.projectx)[0]).toMatchObject({
      accountId: 8801,
      side: 0,
      size: 1,
      stopLossBracket: { ticks: -40, type: 5 },
      takeProfitBracket: { ticks: 160, type: 1 },
    });
    expect(orders.projectx.map((o) => [o.type, o.side])).toContainEqual(['TrailingStop', 'SELL']);
  });

  it('PickMyTrade: 0 fields unset, trail 1 a trailing stop of 10 points, at Tradovate only', async () => {
    const orders = await route(named('PickMyTrade')[0]);
    expect(bodies(orders.tradovate)[0]).toMatchObject({
      accountId: 7002,
      action: 'Buy',
      orderQty: 1,
      bracket1: { action: 'Sell', orderType: 'TrailingStop', stopPrice: 21490.25, pegDifference: -10 },
    });
    expect(bodies(orders.tradovate)[0]).not.toHaveProperty('bracket2');
    expect([orders.projectx, orders.rest]).toEqual([[], []]);
  });

  it('CrossTrade: the key=value; entry reaches the REST account, and its FLATTEN closes it', async () => {
    const entry = await route(named('CrossTrade')[0]);
    expect(entry.rest.map((o) => [o.accountId, o.side, o.quantity, o.type])).toEqual([
      ['FTMO-9001', 'BUY', 1, 'MARKET'],
    ]);
    expect(f.fake('rest').accountPositions()['FTMO-9001']).toEqual({ 'NQ1!': 1 });
    const flatten = await route(named('CrossTrade')[1]);
    expect(flatten.rest.map((o) => [o.side, o.quantity])).toEqual([['SELL', 1]]);
    expect(f.fake('rest').accountPositions()['FTMO-9001']).toEqual({ 'NQ1!': 0 });
    expect([...entry.tradovate, ...entry.projectx, ...flatten.tradovate, ...flatten.projectx]).toEqual([]);
  });

  it('a template pasted outside TradingView (placeholders as written) is a 400 naming each field', async () => {
    for (const t of TEMPLATES) {
      const r = await send(t.body);
      expect(r.status).toBe(400);
      expect((r.json.details as string[]).join('\n')).toContain(
        'is a TradingView placeholder that was not replaced',
      );
    }
  });
});
