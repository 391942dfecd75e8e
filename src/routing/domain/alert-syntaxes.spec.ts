import { isKeyValueText, parseKeyValueText } from './crosstrade-text';
import { normalizeSignal } from './normalize-signal';
import type { ContractFacts } from './relative-exit';
import type { Signal } from './signal';

/** NQ's spec (tick 0.25, $20 a point), as the sizing context's table has it; other symbols unknown. */
const contractOf = (symbol: string): ContractFacts | null =>
  /^M?NQ/i.test(symbol)
    ? { tickSize: 0.25, pointValue: symbol.toUpperCase().startsWith('M') ? 2 : 20 }
    : null;

function normalize(body: unknown) {
  return normalizeSignal(body, () => 'generated-id', contractOf);
}
function ok(body: unknown): Signal {
  const r = normalize(body);
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.problems)}`);
  return r.signal;
}
function problems(body: unknown): string[] {
  const r = normalize(body);
  if (r.ok) throw new Error(`expected problems, got ${JSON.stringify(r.signal)}`);
  return r.problems;
}
/** A CrossTrade text read as the intake reads it: its own problems first, then the normalizer's. */
function crossTrade(text: string): { signal?: Signal; problems: string[] } {
  const parsed = parseKeyValueText(text);
  const r = normalize(parsed.body);
  const all = [...parsed.problems, ...(r.ok ? [] : r.problems)];
  return all.length === 0 && r.ok ? { signal: r.signal, problems: [] } : { problems: all };
}

const NQ_BUY = { ticker: 'NQ1!', action: 'buy', price: '21500.25', quantity: 1 };

describe('TradersPost: orderType and its prices', () => {
  it.each([
    [{ orderType: 'market' }, { order_type: 'market', entry_price: 21500.25 }],
    [
      { orderType: 'limit', limitPrice: '21490' },
      { order_type: 'limit', entry_price: 21490 },
    ],
    [{ orderType: 'LIMIT' }, { order_type: 'limit', entry_price: 21500.25 }],
    [
      { orderType: 'stop', stopPrice: 21510.5 },
      { order_type: 'stop', entry_price: 21510.5 },
    ],
    [
      { order_type: 'stop', stop_price: '21510.5' },
      { order_type: 'stop', entry_price: 21510.5 },
    ],
    [
      { price: undefined, signalPrice: '21400' },
      { order_type: 'market', entry_price: 21400 },
    ],
  ])('%j → %j', (fields, expected) => {
    expect(ok({ ...NQ_BUY, ...fields })).toMatchObject(expected);
  });

  it.each([
    [
      { orderType: 'stop_limit', stopPrice: 1, limitPrice: 1 },
      'orderType: stop-limit entries are not supported (ProjectX has no stop-limit order); use limit or stop',
    ],
    [{ orderType: 'trailing_stop', trailAmount: 5 }, 'orderType: trailing entry orders are not supported'],
    [{ trailPercent: 1 }, 'trailPercent: trailing entry orders are not supported'],
    [
      { orderType: 'market', limitPrice: 1 },
      'limitPrice: is the price of a limit order (orderType limit), not of a market one',
    ],
    [
      { orderType: 'limit', stopPrice: 1 },
      'stopPrice: is the price of a stop order (orderType stop), not of a limit one',
    ],
    [
      { orderType: 'limit', order_type: 'limit' },
      'order_type, orderType: give it once (they are the same field)',
    ],
    [{ orderType: 'iceberg' }, 'orderType: must be one of market, limit, stop'],
    [{ orderType: 'limit', limitPrice: 'abc' }, 'limitPrice: must be a number'],
    [
      { price: undefined, orderType: 'limit' },
      'entry_price: is required for a limit order (limitPrice, or price)',
    ],
  ])('%j is refused: %s', (fields, problem) => {
    expect(problems({ ...NQ_BUY, ...fields }).join('\n')).toContain(problem);
  });
});

describe('TradersPost: stopLoss types', () => {
  it.each([
    // a trailing stop starts at the entry less its distance: the risk sizing uses
    ['trailAmount 10, buy', 'buy', { trailAmount: 10 }, 21490.25, 10],
    ['trailAmount "10" (text), sell', 'sell', { trailAmount: '10' }, 21510.25, 10],
    [
      'trailPercent 0.1 of 21500.25 = 21.50025 → 21.5 (tick 0.25)',
      'buy',
      { trailPercent: 0.1 },
      21478.75,
      21.5,
    ],
    ['trailAmount 0.1 → one tick at least', 'buy', { trailAmount: 0.1 }, 21500, 0.25],
    ['trailAmount 10.1 → nearest tick 10', 'sell', { trailAmount: 10.1 }, 21510.25, 10],
  ])('%s', (_name, action, stop, stopLoss, distance) => {
    const s = ok({ ...NQ_BUY, action, stopLoss: { type: 'trailing_stop', ...stop } });
    expect([s.stop_loss, s.trail_distance]).toEqual([stopLoss, distance]);
  });

  it('a fixed stop is type "stop" (or no type), with no trailing distance', () => {
    expect(ok({ ...NQ_BUY, stopLoss: { type: 'stop', amount: 10 } })).toMatchObject({
      stop_loss: 21490.25,
      trail_distance: null,
    });
    expect(ok({ ...NQ_BUY, stopLoss: { stopPrice: 21490 } }).stop_loss).toBe(21490);
  });

  it('on a symbol with no known contract the distance is kept as given', () => {
    const s = ok({ ...NQ_BUY, ticker: 'BTCUSD', stopLoss: { type: 'trailing_stop', trailAmount: '12.34' } });
    expect([s.stop_loss, s.trail_distance]).toEqual([21487.91, 12.34]);
  });

  it.each([
    [{ type: 'trailing_stop' }, 'stopLoss: a trailing_stop takes exactly one of trailAmount'],
    [
      { type: 'trailing_stop', trailAmount: 1, trailPercent: 1 },
      'stopLoss: a trailing_stop takes exactly one of',
    ],
    [{ type: 'trailing_stop', trailAmount: 1, stopPrice: 21400 }, 'not stopPrice'],
    [{ type: 'trailing_stop', trailAmount: -1 }, 'stopLoss.trailAmount: must be a positive number'],
    [{ type: 'trailing_stop', trailPercent: 'x' }, 'stopLoss.trailPercent: must be a number'],
    [
      { type: 'trailing_stop', trailAmount: 30000 },
      'stopLoss.trailAmount: puts the stop at -8499.75, at or below zero',
    ],
    [
      { type: 'stop_limit', stopPrice: 21490, limitPrice: 21489 },
      'stopLoss.type: stop_limit is not supported',
    ],
    [
      { type: 'stop', stopPrice: 21490, limitPrice: 21489 },
      'stopLoss.limitPrice: is not used by a stop of type "stop"',
    ],
    [
      { type: 'stop', amount: 10, trailAmount: 4 },
      'stopLoss.trailAmount: is not used by a stop of type "stop"',
    ],
    [{ type: 'oco' }, 'stopLoss.type: must be one of stop, stop_limit, trailing_stop'],
  ])('%j is refused: %s', (stopLoss, problem) => {
    expect(problems({ ...NQ_BUY, stopLoss }).join('\n')).toContain(problem);
  });

  it('a trailing stop needs the entry price', () => {
    const { price: _p, ...noPrice } = NQ_BUY;
    expect(problems({ ...noPrice, stopLoss: { type: 'trailing_stop', trailAmount: 10 } })).toEqual([
      'stopLoss.trailAmount: a trailing stop needs the entry price (price or entry_price, e.g. "{{close}}")',
    ]);
  });
});

describe('break_even_ticks', () => {
  it.each([
    [{ break_even_ticks: 20, stop_loss: 21490 }, 20],
    [{ break_even_ticks: '8', stopLoss: { ticks: 40 } }, 8],
    [{}, null],
  ])('%j → %p', (fields, ticks) => {
    expect(ok({ ...NQ_BUY, ...fields }).break_even_ticks).toBe(ticks);
  });

  it.each([
    [{ break_even_ticks: 20 }, 'break_even_ticks: needs a stop loss to move to the entry price'],
    [{ break_even_ticks: 0, stop_loss: 21490 }, 'break_even_ticks: must be a positive integer up to 10000'],
    [{ break_even_ticks: 2.5, stop_loss: 21490 }, 'break_even_ticks: must be a positive integer up to 10000'],
    [
      { break_even_ticks: 20, stopLoss: { type: 'trailing_stop', trailAmount: 5 } },
      'break_even_ticks: a trailing stop already follows the market: give one or the other',
    ],
    [{ action: 'exit', break_even_ticks: 20 }, 'break_even_ticks: is for an entry'],
    [{ price: undefined, stop_loss: 21490, break_even_ticks: 20 }, 'break_even_ticks: needs the entry price'],
  ])('%j is refused: %s', (fields, problem) => {
    expect(problems({ ...NQ_BUY, ...fields })).toEqual([expect.stringContaining(problem)]);
  });
});

describe('PickMyTrade JSON', () => {
  const PMT = {
    symbol: 'NQ1!',
    date: '2026-12-02T14:30:00Z',
    data: 'buy',
    quantity: '1',
    risk_percentage: '0',
    price: '21500.25',
    tp: '0',
    percentage_tp: '0',
    dollar_tp: '0',
    sl: '0',
    dollar_sl: '0',
    percentage_sl: '0',
    trail: '0',
    trail_stop: '0',
    trail_trigger: '0',
    trail_freq: '0',
    update_tp: 'false',
    update_sl: 'false',
    token: 'pmt-token-not-read',
    duplicate_position_allow: 'true',
    reverse_order_close: 'true',
  };

  it.each([
    ['0 means not set', {}, { quantity: 1, stop_loss: null, take_profit: null, risk_percent: null }],
    ['tp and sl are prices', { tp: '21530', sl: 21490.25 }, { take_profit: 21530, stop_loss: 21490.25 }],
    [
      'risk_percentage is a percent, quantity 0 lets sizing decide',
      { quantity: 0, risk_percentage: '0.5', sl: '21490' },
      { quantity: null, risk_percent: 0.005, stop_loss: 21490 },
    ],
    [
      'trail 1 with trail_stop points is a trailing stop',
      { trail: '1', trail_stop: '10' },
      { stop_loss: 21490.25, trail_distance: 10 },
    ],
    ['data close closes by symbol', { data: 'close' }, { event_type: 'exit', position_action: 'close' }],
    ['order_type MKT', { order_type: 'MKT' }, { order_type: 'market' }],
    ['order_type LMT at price', { order_type: 'LMT' }, { order_type: 'limit', entry_price: 21500.25 }],
  ])('%s', (_name, fields, expected) => {
    expect(ok({ ...PMT, ...fields })).toMatchObject({ symbol: 'NQ1!', ...expected });
  });

  it('the token is not kept', () => {
    expect(JSON.stringify(ok(PMT))).not.toContain('pmt-token-not-read');
  });

  it.each([
    [{ dollar_sl: '200' }, 'dollar_sl: not supported'],
    [{ percentage_tp: '100' }, 'percentage_tp: not supported'],
    [
      { trail: '1', trail_stop: '10', trail_trigger: '20' },
      'trail_trigger: a trailing stop that starts after a profit trigger is not supported',
    ],
    [{ trail: '1' }, 'trail_stop: is required with trail 1'],
    [{ trail: '2', trail_stop: 5 }, 'trail: must be 0 (off) or 1'],
    [
      { trail: '1', trail_stop: '10', sl: '21490' },
      'sl, trail: give a fixed stop (sl) or a trailing one (trail), not both',
    ],
    [{ update_sl: 'true' }, "update_sl: moving an open position's brackets is not supported"],
    [{ reverse_order_close: 'false' }, 'reverse_order_close: only true is supported'],
    [{ pyramid: false }, 'pyramid: only true is supported'],
    [{ same_direction_ignore: 'true' }, 'same_direction_ignore: only false is supported'],
    [{ update_tp: 'maybe' }, 'update_tp: must be true or false'],
    [
      { multiple_accounts: [{ account_id: '2', quantity_multiplier: 1 }] },
      "multiple_accounts: PickMyTrade's account list is not read",
    ],
    [{ sl: 'abc' }, 'sl: must be a number'],
    [{ risk_percentage: '-1' }, 'risk_percentage: must not be negative'],
    [{ sl: '{{plot_0}}' }, 'sl: "{{plot_0}}" is a TradingView placeholder that was not replaced'],
  ])('%j is refused: %s', (fields, problem) => {
    const found = problems({ ...PMT, ...fields });
    expect(found).toEqual([expect.stringContaining(problem)]);
  });
});

describe('CrossTrade key=value; text', () => {
  it.each([
    ['key=value; …', 'command=PLACE; instrument=NQ 12-25; action=BUY; qty=1;', true],
    ['no trailing ;', 'action=SELL;qty=2', true],
    ['JSON', '{"action":"buy"}', false],
    ['free text', 'BUY NQ now', false],
    ['empty', '   ', false],
  ])('%s is key=value text: %p', (_name, text, expected) => {
    expect(isKeyValueText(text)).toBe(expected);
  });

  it.each([
    [
      'a market buy',
      'command=PLACE; account=apex-1; instrument=NQ 12-25; action=BUY; qty=1; order_type=MARKET; tif=DAY;',
      {
        symbol: 'NQ 12-25',
        side: 'buy',
        quantity: 1,
        order_type: 'market',
        accounts: ['apex-1'],
        position_action: 'open',
      },
    ],
    [
      'keys in any case, spaces around',
      ' COMMAND = place ;Instrument=MNQ1!;ACTION=sell;QTY=3',
      { symbol: 'MNQ1!', side: 'sell', quantity: 3, position_action: 'open' },
    ],
    [
      'a limit with its price',
      'command=PLACE; instrument=NQ1!; action=BUY; qty=1; order_type=LIMIT; limit_price=21490.5;',
      { order_type: 'limit', entry_price: 21490.5 },
    ],
    [
      'a stop-market with its trigger',
      'instrument=NQ1!; action=SELL; qty=1; order_type=STOPMARKET; stop_price=21400;',
      { order_type: 'stop', entry_price: 21400, side: 'sell' },
    ],
    [
      'FLATTEN closes by symbol',
      'command=FLATTEN; instrument=NQ1!;',
      { event_type: 'exit', position_action: 'close' },
    ],
    ['CLOSEPOSITION too', 'command=CLOSEPOSITION; instrument=NQ1!;', { position_action: 'close' }],
    ['CANCELALLORDERS cancels', 'command=CANCELALLORDERS; instrument=NQ1!;', { position_action: 'cancel' }],
    [
      "PropRouter's own fields as keys",
      'instrument=NQ1!; action=BUY; price=21500.25; stop_loss=21490.25; risk_percent=0.01; firm_codes=APEX,TOPSTEP;',
      { stop_loss: 21490.25, risk_percent: 0.01, firm_codes: ['APEX', 'TOPSTEP'], quantity: null },
    ],
    ['a value holding =', 'instrument=NQ1!; action=BUY; qty=1; trade_id=a=b;', { trade_id: 'a=b' }],
  ])('%s', (_name, text, expected) => {
    const r = crossTrade(text);
    expect(r.problems).toEqual([]);
    expect(r.signal).toMatchObject(expected);
  });

  it('the secret is read as a key and never kept in the signal', () => {
    const parsed = parseKeyValueText('secret=s3cret; instrument=NQ1!; action=BUY; qty=1;');
    expect(parsed.body.secret).toBe('s3cret');
    expect(
      JSON.stringify(crossTrade('secret=s3cret; instrument=NQ1!; action=BUY; qty=1;').signal),
    ).not.toContain('s3cret');
  });

  it.each([
    ['qty not a number', 'instrument=NQ1!; action=BUY; qty=abc;', ['qty: must be a number']],
    [
      'no action for PLACE',
      'command=PLACE; instrument=NQ1!; qty=1;',
      ['side: is required for an entry (buy or sell; or action: buy|sell)'],
    ],
    [
      'an unknown action',
      'instrument=NQ1!; action=HOLD; qty=1;',
      ['action: must be one of buy, sell, exit, close, cancel, add'],
    ],
    [
      'an unknown command',
      'command=EXPLODE; instrument=NQ1!;',
      ['command: must be one of PLACE, FLATTEN, CLOSEPOSITION, CANCELALLORDERS, CANCELORDERS'],
    ],
    [
      'REVERSE',
      'command=REVERSE; instrument=NQ1!; action=BUY; qty=1;',
      [expect.stringContaining('command: REVERSE is not supported')],
    ],
    [
      'an action with FLATTEN',
      'command=FLATTEN; instrument=NQ1!; action=SELL;',
      ['action: is not used with command=FLATTEN'],
    ],
    [
      'STOPLIMIT',
      'instrument=NQ1!; action=BUY; qty=1; order_type=STOPLIMIT;',
      [expect.stringContaining('order_type: STOPLIMIT entries are not supported')],
    ],
    [
      'an unknown order type',
      'instrument=NQ1!; action=BUY; qty=1; order_type=MOC;',
      ['order_type: must be one of MARKET, LIMIT, STOPMARKET, STOP'],
    ],
    [
      'a tif PropRouter does not send',
      'instrument=NQ1!; action=BUY; qty=1; tif=IOC;',
      [expect.stringContaining('tif: must be DAY or GTC')],
    ],
    [
      'an unknown key',
      'instrument=NQ1!; action=BUY; qty=1; oco_id=7;',
      [expect.stringContaining('oco_id: unknown key')],
    ],
    ['a key twice', 'instrument=NQ1!; action=BUY; qty=1; qty=2;', ['qty: is given twice']],
    [
      'a segment without =',
      'instrument=NQ1!; action=BUY; qty=1; hello;',
      ['"hello": must be key=value (pairs separated by ;)'],
    ],
    ['no instrument', 'action=BUY; qty=1;', ['symbol: is required (or ticker)']],
    [
      'a limit without its price',
      'instrument=NQ1!; action=BUY; qty=1; order_type=LIMIT;',
      ['entry_price: is required for a limit order (limitPrice, or price)'],
    ],
    [
      'a stop_price on a limit',
      'instrument=NQ1!; action=BUY; qty=1; order_type=LIMIT; limit_price=1; stop_price=2;',
      ['stop_price: is the price of a stop order (orderType stop), not of a limit one'],
    ],
    [
      'an unreplaced placeholder',
      'instrument={{ticker}}; action=BUY; qty=1;',
      [
        'instrument: "{{ticker}}" is a TradingView placeholder that was not replaced (send the alert from TradingView, or put a value)',
      ],
    ],
    [
      'every problem at once',
      'command=PLACE; instrument=NQ1!; action=BUY; qty=0; oco_id=1; tif=IOC;',
      [
        expect.stringContaining('oco_id: unknown key'),
        expect.stringContaining('tif: must be DAY or GTC'),
        'qty: must be a positive integer up to 1000000',
      ],
    ],
  ])('%s: %j', (_name, text, expected) => {
    expect(crossTrade(text).problems).toEqual(expected);
  });
});
