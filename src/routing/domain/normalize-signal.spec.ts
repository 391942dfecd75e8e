import fc from 'fast-check';
import { normalizeSignal } from './normalize-signal';
import type { Signal } from './signal';

const fixedId = () => 'generated-id';

function ok(body: unknown): Signal {
  const r = normalizeSignal(body, fixedId);
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.problems)}`);
  return r.signal;
}

function problems(body: unknown): string[] {
  const r = normalizeSignal(body, fixedId);
  if (r.ok) throw new Error(`expected problems, got ${JSON.stringify(r.signal)}`);
  return r.problems;
}

describe('normalizeSignal', () => {
  it('normalizes a complete seed-style entry, dropping the secret and unknown fields', () => {
    const signal = ok({
      secret: 's3cret-value',
      trade_id: 't-1',
      event_type: 'ENTRY',
      symbol: ' NQ ',
      side: 'BUY',
      quantity: 2,
      order_type: 'Limit',
      entry_price: 21500.25,
      stop_loss: 21490.25,
      take_profit: 21530,
      risk_percent: 0.01,
      firm_codes: ['apex', 'ftmo', 'APEX'],
      program_ids: [4, '5', 4],
      session: 'NY AM',
      bias: 'Bullish',
      interval: '5',
    });
    expect(signal).toEqual({
      trade_id: 't-1',
      event_type: 'entry',
      position_action: 'entry',
      symbol: 'NQ',
      side: 'buy',
      quantity: 2,
      order_type: 'limit',
      entry_price: 21500.25,
      stop_loss: 21490.25,
      take_profit: 21530,
      risk_percent: 0.01,
      accounts: [],
      account_tags: [],
      firm_codes: ['APEX', 'FTMO'],
      program_ids: [4, 5],
      session: 'NY AM',
      bias: 'Bullish',
      trail_distance: null,
      break_even_ticks: null,
    });
  });

  it('accepts TradingView template aliases and numbers sent as strings', () => {
    const signal = ok({
      ticker: 'NQ1!',
      action: 'sell',
      price: '21500.25',
      quantity: '3',
      stopLoss: { type: 'stop', stopPrice: '21510.5' },
      takeProfit: { limitPrice: 21400 },
      firm_codes: 'apex, topstep',
      program_ids: '4,7',
      risk_percent: '0.005',
    });
    expect(signal).toMatchObject({
      trade_id: 'generated-id',
      event_type: 'entry',
      symbol: 'NQ1!',
      side: 'sell',
      quantity: 3,
      order_type: 'market',
      entry_price: 21500.25,
      stop_loss: 21510.5,
      take_profit: 21400,
      risk_percent: 0.005,
      firm_codes: ['APEX', 'TOPSTEP'],
      program_ids: [4, 7],
      session: null,
      bias: null,
    });
  });

  it('turns action exit/close into an exit that needs no side', () => {
    expect(ok({ trade_id: 'a', ticker: 'ES', action: 'close' })).toMatchObject({
      event_type: 'exit',
      side: null,
    });
    expect(ok({ trade_id: 'a', symbol: 'ES', action: 'EXIT' }).event_type).toBe('exit');
    expect(ok({ trade_id: 'a', symbol: 'ES', event_type: 'Exit' })).toMatchObject({
      event_type: 'exit',
      side: null,
    });
  });

  it('generates a trade_id when none is given and keeps a numeric one as text', () => {
    expect(ok({ symbol: 'NQ', side: 'buy', quantity: 1 }).trade_id).toBe('generated-id');
    expect(ok({ trade_id: 1732, symbol: 'NQ', side: 'buy', quantity: 1 }).trade_id).toBe('1732');
  });

  it('lists every problem of a bad body, naming each field', () => {
    expect(
      problems({
        trade_id: '   ',
        event_type: 'open',
        side: 'long',
        quantity: -1,
        order_type: 'iceberg',
        entry_price: 'abc',
        stop_loss: 'NaN',
        risk_percent: 5,
        firm_codes: ['ok', 'bad code!'],
        program_ids: [1, 0],
        session: { a: 1 },
      }),
    ).toEqual([
      'event_type: must be one of entry, exit',
      'side: must be one of buy, sell',
      'order_type: must be one of market, limit, stop',
      'trade_id: must be 1 to 128 printable characters',
      'symbol: is required (or ticker)',
      'quantity: must be a positive integer up to 1000000',
      'entry_price: must be a number',
      'stop_loss: must be a number',
      'risk_percent: must be a fraction above 0 and at most 1 (0.01 = 1 %)',
      'firm_codes[1]: must be a firm code (letters, digits, underscore; up to 32)',
      'program_ids[1]: must be a positive integer up to 2147483647',
      'session: must be a string',
    ]);
  });

  it('rejects fractional, huge and non-finite quantities and prices', () => {
    expect(problems({ symbol: 'NQ', side: 'buy', quantity: 1.5 })).toEqual([
      'quantity: must be a positive integer up to 1000000',
    ]);
    expect(problems({ symbol: 'NQ', side: 'buy', quantity: '1e9' })).toEqual([
      'quantity: must be a positive integer up to 1000000',
    ]);
    expect(problems({ symbol: 'NQ', side: 'buy', price: 'Infinity' })).toEqual(['price: must be a number']);
    expect(problems({ symbol: 'NQ', side: 'buy', price: '1e400' })).toEqual([
      'price: must be a finite number',
    ]);
  });

  it('requires a side for an entry and a price for limit and stop orders', () => {
    expect(problems({ symbol: 'NQ' })).toEqual([
      'side: is required for an entry (buy or sell; or action: buy|sell)',
    ]);
    expect(problems({ symbol: 'NQ', side: 'buy', order_type: 'stop' })).toEqual([
      'entry_price: is required for a stop order (stopPrice, or price)',
    ]);
  });

  it('reports conflicting intents', () => {
    expect(problems({ symbol: 'NQ', side: 'buy', action: 'sell' })).toEqual([
      'side: "buy" conflicts with action "sell"',
    ]);
    expect(problems({ symbol: 'NQ', event_type: 'entry', action: 'exit', side: 'buy' })).toEqual([
      'action: "exit" conflicts with event_type "entry"',
    ]);
  });

  it('checks that stop and target sit on the right side of the entry', () => {
    expect(
      problems({ symbol: 'NQ', side: 'buy', entry_price: 100, stop_loss: 101, take_profit: 99 }),
    ).toEqual([
      'stop_loss: must be below entry_price for a buy',
      'take_profit: must be above entry_price for a buy',
    ]);
    expect(problems({ symbol: 'NQ', side: 'sell', entry_price: 100, stop_loss: 100 })).toEqual([
      'stop_loss: must be above entry_price for a sell',
    ]);
  });

  it('a relative stopLoss needs the entry price to be placed', () => {
    expect(problems({ symbol: 'NQ', side: 'buy', stopLoss: { type: 'stop', amount: 10 } })).toEqual([
      'stopLoss.amount: a relative stop needs the entry price (price or entry_price, e.g. "{{close}}")',
    ]);
  });

  it('refuses bodies that are not JSON objects', () => {
    for (const body of [null, [], 'text', 42, true])
      expect(problems(body)).toEqual(['body: must be a JSON object']);
  });

  it('never throws, and either lists problems or returns a signal that holds its invariants', () => {
    const field = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom('buy', 'SELL', 'exit', 'entry', 'NQ', '21500.25', '-3', 'NaN', '1e999', ''),
      fc.double(),
      fc.integer(),
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          trade_id: field,
          event_type: field,
          action: field,
          symbol: field,
          ticker: field,
          side: field,
          quantity: field,
          order_type: field,
          entry_price: field,
          price: field,
          stop_loss: field,
          stopLoss: field,
          take_profit: field,
          risk_percent: field,
          firm_codes: field,
          program_ids: field,
          session: field,
          bias: field,
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(body, (b) => {
        const r = normalizeSignal(b, fixedId);
        if (!r.ok) return r.problems.length > 0 && r.problems.every((p) => /^[\w.[\]]+: /.test(p));
        const s = r.signal;
        return (
          (s.event_type === 'entry' || s.event_type === 'exit') &&
          (s.event_type === 'exit' || s.side !== null) &&
          s.symbol.length > 0 &&
          (s.quantity === null || (Number.isInteger(s.quantity) && s.quantity > 0)) &&
          [s.entry_price, s.stop_loss, s.take_profit].every(
            (p) => p === null || (Number.isFinite(p) && p > 0),
          ) &&
          s.firm_codes.every((c) => /^[A-Z0-9_]+$/.test(c)) &&
          s.program_ids.every((id) => Number.isInteger(id) && id > 0)
        );
      }),
      { numRuns: 5000 },
    );
  });
  describe('text the database cannot hold', () => {
    const valid = { trade_id: 't-9', symbol: 'NQ', side: 'buy', session: 'RTH', bias: 'up' };
    // Postgres stores a lone surrogate in text as U+FFFD and refuses its jsonb escape: the insert failed.
    it.each(['trade_id', 'symbol', 'ticker', 'session', 'bias'])(
      'refuses a lone surrogate in %s, naming it',
      (field) => {
        for (const bad of ['a\ud800', '\udc00b', 'x\udbff\udbffy']) {
          const body: Record<string, unknown> = { ...valid, [field]: bad };
          if (field === 'ticker') delete body.symbol;
          expect(problems(body)).toEqual([
            `${field}: must not contain unpaired UTF-16 surrogates (not valid Unicode)`,
          ]);
        }
      },
    );

    it('refuses NUL, and keeps a well-formed pair (an emoji) as text', () => {
      expect(problems({ ...valid, bias: 'a\u0000b' })).toEqual([
        'bias: must not contain NUL (\\u0000) characters',
      ]);
      expect(ok({ ...valid, bias: 'up \ud83d\ude80' }).bias).toBe('up \ud83d\ude80');
    });

    it('never lets an accepted signal carry a lone surrogate or NUL, whatever the strings', () => {
      const text = fc.string({ unit: 'binary', maxLength: 12 });
      fc.assert(
        fc.property(text, text, text, (trade_id, symbol, session) => {
          const r = normalizeSignal({ trade_id, symbol, session, side: 'buy' }, fixedId);
          if (!r.ok) return true;
          return [r.signal.trade_id, r.signal.symbol, r.signal.session ?? ''].every(
            (t) => !/\p{Cs}/u.test(t) && !t.includes('\u0000'),
          );
        }),
        { numRuns: 3000 },
      );
    });
  });
});

describe('normalizeSignal: account filters', () => {
  const base = { symbol: 'NQ', action: 'buy', quantity: 1 };
  it('reads accounts (labels or ids) and account_tags as lists or comma-separated strings', () => {
    const r = normalizeSignal({ ...base, accounts: 'apex-1, apex-2,7', account_tags: ['NQ', 'apex-evals'] });
    expect(r.ok && [r.signal.accounts, r.signal.account_tags]).toEqual([
      ['apex-1', 'apex-2', '7'],
      ['nq', 'apex-evals'],
    ]);
  });

  it('lists every bad filter entry', () => {
    const r = normalizeSignal({ ...base, accounts: [{}, ''], account_tags: ['no spaces', 'x'.repeat(41)] });
    expect(r.ok ? [] : r.problems).toEqual([
      'accounts[0]: must be a string',
      'accounts[1]: must be 1 to 100 printable characters',
      'account_tags[0]: must be a tag (lower-case letters, digits, _ or -; up to 40)',
      'account_tags[1]: must be a tag (lower-case letters, digits, _ or -; up to 40)',
    ]);
  });
});

describe('normalizeSignal: other services’ templates (issue 15)', () => {
  const outcome = (body: unknown) => normalizeSignal(body, () => 'generated-id');

  it('an unreplaced TradingView placeholder is refused naming each field, nested ones too', () => {
    expect(
      outcome({
        secret: '{{not-checked}}',
        ticker: '{{ticker}}',
        action: 'buy',
        quantity: '{{strategy.order.contracts}}',
        stopLoss: { stopPrice: '{{plot_0}}' },
      }),
    ).toEqual({
      ok: false,
      problems: [
        'ticker: "{{ticker}}" is a TradingView placeholder that was not replaced (send the alert from TradingView, or put a value)',
        'quantity: "{{strategy.order.contracts}}" is a TradingView placeholder that was not replaced (send the alert from TradingView, or put a value)',
        'stopLoss.stopPrice: "{{plot_0}}" is a TradingView placeholder that was not replaced (send the alert from TradingView, or put a value)',
      ],
    });
  });

  it('braces that are no placeholder are read as usual', () => {
    expect(outcome({ ticker: 'NQ1!', action: 'buy', quantity: 1, session: '{x}' })).toMatchObject({
      ok: true,
      signal: { session: '{x}' },
    });
  });

  it.each(['contracts', 'qty'])('%s is the quantity', (field) => {
    expect(outcome({ ticker: 'MNQ1!', action: 'buy', [field]: '3' })).toMatchObject({
      ok: true,
      signal: { quantity: 3 },
    });
    expect(outcome({ ticker: 'MNQ1!', action: 'buy', [field]: 0 })).toEqual({
      ok: false,
      problems: [`${field}: must be a positive integer up to 1000000`],
    });
  });

  it('the quantity given twice under two names is refused, not guessed', () => {
    expect(outcome({ ticker: 'MNQ1!', action: 'buy', quantity: 2, contracts: 3 })).toEqual({
      ok: false,
      problems: ['quantity, contracts: give the quantity once (they are the same field)'],
    });
  });
});

describe('normalizeSignal: action × sentiment (README "Alert semantics")', () => {
  const outcome = (body: unknown) => normalizeSignal(body, () => 'generated-id');

  it.each([
    ['buy', undefined, 'entry', 'buy', 'open'],
    ['buy', 'long', 'entry', 'buy', 'open'],
    ['sell', undefined, 'entry', 'sell', 'open'],
    ['sell', 'short', 'entry', 'sell', 'open'],
    ['buy', 'short', 'exit', 'buy', 'reduce'],
    ['sell', 'long', 'exit', 'sell', 'reduce'],
    ['buy', 'flat', 'exit', 'buy', 'close'],
    ['sell', 'flat', 'exit', 'sell', 'close'],
    ['exit', undefined, 'exit', null, 'close'],
    ['close', undefined, 'exit', null, 'close'],
    ['cancel', undefined, 'exit', null, 'cancel'],
    ['add', undefined, 'entry', null, 'add'],
    ['add', 'long', 'entry', 'buy', 'add'],
    ['add', 'short', 'entry', 'sell', 'add'],
  ])('%s with sentiment %s: %s, side %s, %s', (action, sentiment, event_type, side, position_action) => {
    expect(outcome({ ticker: 'MNQ1!', action, sentiment, quantity: 1 })).toMatchObject({
      ok: true,
      signal: { event_type, side, position_action },
    });
  });

  it("an exit with a trade_id closes that trade; PickMyTrade's data is the action", () => {
    expect(outcome({ ticker: 'MNQ1!', action: 'exit', trade_id: 't-9' })).toMatchObject({
      ok: true,
      signal: { event_type: 'exit', position_action: 'exit_trade', trade_id: 't-9' },
    });
    expect(outcome({ symbol: 'MNQ', data: 'close' })).toMatchObject({
      ok: true,
      signal: { event_type: 'exit', position_action: 'close' },
    });
  });

  it('names contradictions instead of guessing', () => {
    expect(outcome({ ticker: 'MNQ1!', action: 'add', sentiment: 'flat' })).toEqual({
      ok: false,
      problems: ['sentiment: "flat" conflicts with action "add" (add scales into a long or a short)'],
    });
    expect(outcome({ ticker: 'MNQ1!', action: 'sell', sentiment: 'flat', event_type: 'entry' })).toEqual({
      ok: false,
      problems: ['sentiment: "flat" with sell is an exit, which conflicts with event_type "entry"'],
    });
    expect(outcome({ ticker: 'MNQ1!', action: 'hold' })).toEqual({
      ok: false,
      problems: ['action: must be one of buy, sell, exit, close, cancel, add'],
    });
  });

  it('an unknown sentiment is named', () => {
    expect(outcome({ ticker: 'MNQ1!', action: 'buy', sentiment: 'bullish', quantity: 1 })).toEqual({
      ok: false,
      problems: ['sentiment: must be one of long, short, flat'],
    });
  });
});
