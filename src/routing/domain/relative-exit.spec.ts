import { normalizeSignal } from './normalize-signal';

/** Stops and targets in every unit traders use (issue 15), resolved against the alert's entry price. */
describe('relative stops and targets', () => {
  const SPECS: Record<string, { tickSize: number; pointValue: number }> = {
    NQ: { tickSize: 0.25, pointValue: 20 },
    MNQ: { tickSize: 0.25, pointValue: 2 },
    CL: { tickSize: 0.01, pointValue: 1000 },
  };
  const contractOf = (symbol: string) => SPECS[symbol.replace(/1!$/, '')] ?? null;
  const read = (body: Record<string, unknown>) => normalizeSignal(body, () => 'id', contractOf);
  const exits = (body: Record<string, unknown>) => {
    const r = read(body);
    if (!r.ok) throw new Error(r.problems.join('; '));
    return { stop_loss: r.signal.stop_loss, take_profit: r.signal.take_profit };
  };
  const problems = (body: Record<string, unknown>) => {
    const r = read(body);
    return r.ok ? [] : r.problems;
  };
  const buyNq = { ticker: 'NQ1!', action: 'buy', quantity: 1, price: '21500.25' };
  const sellNq = { ...buyNq, action: 'sell' };

  it('TradersPost amount: a price offset (points), below a buy and above a sell', () => {
    expect(exits({ ...buyNq, stopLoss: { type: 'stop', amount: 10 }, takeProfit: { amount: 20 } })).toEqual({
      stop_loss: 21490.25,
      take_profit: 21520.25,
    });
    expect(exits({ ...sellNq, stopLoss: { amount: '10' }, takeProfit: { amount: 20 } })).toEqual({
      stop_loss: 21510.25,
      take_profit: 21480.25,
    });
  });

  it('points is the same as amount; ticks are the contract’s ticks', () => {
    expect(exits({ ...buyNq, stopLoss: { points: 12.5 } }).stop_loss).toBe(21487.75);
    expect(exits({ ...buyNq, stopLoss: { ticks: 40 }, takeProfit: { ticks: 81 } })).toEqual({
      stop_loss: 21490.25,
      take_profit: 21520.5,
    });
    expect(
      exits({ ticker: 'CL1!', action: 'sell', quantity: 1, price: 71.37, stopLoss: { ticks: 15 } }).stop_loss,
    ).toBe(71.52);
  });

  it('percent of the entry price, on the tick grid (nearest tick), exact decimal', () => {
    // 21500.25 × 0.5 % = 107.50125 → 21392.74875 → nearest tick 21392.75
    expect(exits({ ...buyNq, stopLoss: { percent: 0.5 } }).stop_loss).toBe(21392.75);
    expect(
      exits({ ticker: 'CL1!', action: 'buy', quantity: 1, price: 0.3, stopLoss: { percent: 10 } }).stop_loss,
    ).toBe(0.27);
  });

  it('pnlAmount: dollars for the whole position, through the quantity and the point value (TradersPost)', () => {
    // $200 on 1 NQ ($20 a point) = 10 points; on 1 MNQ ($2 a point) = 100 points
    expect(exits({ ...buyNq, stopLoss: { pnlAmount: 200 } }).stop_loss).toBe(21490.25);
    expect(exits({ ...buyNq, ticker: 'MNQ1!', stopLoss: { pnlAmount: 200 } }).stop_loss).toBe(21400.25);
    // $200 on 4 NQ = $50 a contract = 2.5 points; $200 on 3 NQ = 3.333… points → nearest tick 3.25
    expect(exits({ ...buyNq, quantity: 4, stopLoss: { pnlAmount: 200 } }).stop_loss).toBe(21497.75);
    expect(
      exits({ ...buyNq, contracts: 3, quantity: undefined, stopLoss: { pnlAmount: 200 } }).stop_loss,
    ).toBe(21497);
  });

  it('dollars: a dollar amount per contract through the point value, whatever the quantity', () => {
    // $200 a contract on NQ ($20 a point) = 10 points; on MNQ ($2 a point) = 100 points; CL $1000 a point
    expect(exits({ ...buyNq, quantity: 4, stopLoss: { dollars: 200 } }).stop_loss).toBe(21490.25);
    expect(exits({ ...sellNq, ticker: 'MNQ1!', stopLoss: { dollars: 200 } }).stop_loss).toBe(21600.25);
    const { quantity: _q, ...sized } = buyNq;
    expect(exits({ ...sized, takeProfit: { dollars: 150 } }).take_profit).toBe(21507.75);
    expect(problems({ ...buyNq, ticker: 'XYZ', stopLoss: { dollars: 200 } })).toContain(
      'stopLoss.dollars: "XYZ" is not a known futures contract, so its point value is unknown: give points or a price',
    );
  });

  it('pnlAmount without the alert quantity is a 400 naming it (each account would size its own)', () => {
    const { quantity: _q, ...sized } = buyNq;
    expect(problems({ ...sized, stopLoss: { pnlAmount: 200 } })).toContain(
      "stopLoss.pnlAmount: a dollar amount for the whole position, spread over the alert's quantity: give quantity (or contracts, qty), or a stop in ticks, points or a price",
    );
  });

  it('an absolute stopPrice still wins inside the object', () => {
    expect(exits({ ...buyNq, stopLoss: { stopPrice: 21480, amount: 10 } }).stop_loss).toBe(21480);
  });

  it('names each problem: no unit, two units, bad value, unknown contract for ticks, at or below zero', () => {
    expect(problems({ ...buyNq, stopLoss: { type: 'stop' } })).toEqual([
      'stopLoss: needs stopPrice, or one of amount, points, ticks, percent, pnlAmount, dollars',
    ]);
    expect(problems({ ...buyNq, takeProfit: { amount: 1, ticks: 4 } })).toEqual([
      'takeProfit: give one of amount, ticks, not several',
    ]);
    expect(problems({ ...buyNq, stopLoss: { amount: -5 } })).toEqual([
      'stopLoss.amount: must be a positive number up to 1000000000000',
    ]);
    expect(problems({ ...buyNq, ticker: 'EURUSD', stopLoss: { ticks: 10 } })).toEqual([
      'stopLoss.ticks: "EURUSD" is not a known futures contract, so its tick size is unknown: give points or a price',
    ]);
    expect(problems({ ...buyNq, stopLoss: { amount: 30000 } })).toEqual([
      'stopLoss.amount: puts the stop at -8499.75, at or below zero',
    ]);
  });

  it('an unknown symbol still takes points and percent (no tick grid to round to)', () => {
    expect(
      exits({ ticker: 'EURUSD', action: 'buy', quantity: 1, price: '1.08345', stopLoss: { percent: 1 } })
        .stop_loss,
    ).toBe(1.0726155);
  });
});

describe('relative exits with a hostile symbol', () => {
  it('a symbol that is no string is named, never converted (an object whose toString is not callable)', () => {
    const r = normalizeSignal(
      { symbol: { toString: {} }, action: 'buy', price: 10, stopLoss: { ticks: 4 } },
      () => 'id',
      () => {
        throw new Error('not asked for a non-string symbol');
      },
    );
    expect(r.ok).toBe(false);
  });
});
