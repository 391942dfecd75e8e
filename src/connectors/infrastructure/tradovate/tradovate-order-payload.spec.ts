import Decimal from 'decimal.js';
import type { NormalizedOrder } from '../../application/ports/connector-gateway.port';
import { ConnectorError } from '../../domain/connector-errors';
import { buildTradovateOrder, onTick } from './tradovate-order-payload';
import { explicitContractName } from './tradovate-symbols';
import type { TradovateConfig } from '../config/tradovate.config';

const config = { accountSpec: 'DEMO1', accountId: 7 } as TradovateConfig;
const base: NormalizedOrder = {
  symbol: 'NQ1!',
  side: 'BUY',
  quantity: 2,
  order_type: 'MARKET',
  client_order_id: 'c-1',
};

describe('buildTradovateOrder', () => {
  it('builds an automated placeorder tagged with clOrdId', () => {
    expect(buildTradovateOrder(base, config, 'NQZ5', 0.25)).toEqual({
      path: '/order/placeorder',
      body: {
        accountSpec: 'DEMO1',
        accountId: 7,
        clOrdId: 'c-1',
        action: 'Buy',
        symbol: 'NQZ5',
        orderQty: 2,
        orderType: 'Market',
        isAutomated: true,
      },
    });
  });

  it('prices limit and stop entries on the tick', () => {
    const limit = buildTradovateOrder(
      { ...base, order_type: 'LIMIT', entry_price: 18000.13 },
      config,
      'NQZ5',
      0.25,
    );
    expect(limit.body).toMatchObject({ orderType: 'Limit', price: 18000.25 });
    const stop = buildTradovateOrder(
      { ...base, order_type: 'STOP', entry_price: 70.004 },
      config,
      'CLZ5',
      0.01,
    );
    expect(stop.body).toMatchObject({ orderType: 'Stop', stopPrice: 70 });
    expect(stop.body).not.toHaveProperty('price');
  });

  it('builds an OSO with brackets the other way; a lone stop loss is bracket1', () => {
    const both = buildTradovateOrder(
      { ...base, side: 'SELL', stop_loss: 18010, take_profit: 17950 },
      config,
      'NQZ5',
      0.25,
    );
    expect(both.path).toBe('/order/placeoso');
    expect(both.body).toMatchObject({
      action: 'Sell',
      bracket1: { action: 'Buy', orderType: 'Limit', price: 17950 },
      bracket2: { action: 'Buy', orderType: 'Stop', stopPrice: 18010 },
    });
    const slOnly = buildTradovateOrder({ ...base, stop_loss: 17990 }, config, 'NQZ5', 0.25);
    expect(slOnly.body.bracket1).toEqual({ action: 'Sell', orderType: 'Stop', stopPrice: 17990 });
    expect(slOnly.body).not.toHaveProperty('bracket2');
  });

  it('refuses a limit order without a price', () => {
    expect(() => buildTradovateOrder({ ...base, order_type: 'LIMIT' }, config, 'NQZ5', 0.25)).toThrow(
      ConnectorError,
    );
  });

  it('leaves prices alone when the tick size is unknown', () => {
    expect(onTick(1.2345, null)).toBe(1.2345);
  });

  it('snaps to the nearest tick, a half tick up, exactly as decimal arithmetic does', () => {
    expect(onTick(18000.13, 0.25)).toBe(18000.25);
    expect(onTick(18000.125, 0.25)).toBe(18000.25); // half a tick: away from zero
    expect(onTick(18000.12, 0.25)).toBe(18000);
    expect(onTick(0.1 + 0.2, 0.1)).toBe(0.3); // 0.30000000000000004: on the grid of its own text
    expect(onTick(112.046875, 0.03125)).toBe(112.0625);
    expect(onTick(1.085025, 0.00005)).toBe(1.08505);
    expect(onTick(2.5, 1)).toBe(3);
    expect(onTick(1e21, 0.25)).toBe(1e21); // beyond safe integers: decimal.js answers
  });

  it('gives the same number as decimal.js for every tick of the contract table and random prices', () => {
    const decimal = (price: number, tickSize: number) => {
      const tick = new Decimal(tickSize);
      return new Decimal(price).div(tick).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).mul(tick).toNumber();
    };
    // the contract table's ticks (sizing's FUTURES_SPECS), and a few odd ones
    const ticks = [0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.0078125, 0.01, 0.015625, 0.03125, 0.1, 0.25, 1];
    let seed = 20;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const differ: string[] = [];
    for (const tick of [...ticks, 0.3, 7, 0.0000001]) {
      for (let i = 0; i < 1000; i++) {
        const magnitude = [1, 100, 20000, 5e6][i % 4];
        const price = Number((random() * magnitude).toFixed(Math.floor(random() * 8)));
        const odd = random() * magnitude; // every digit a double carries
        for (const p of [price, odd, price + tick / 2]) {
          if (p > 0 && onTick(p, tick) !== decimal(p, tick)) differ.push(`${p} on ${tick}`);
        }
      }
    }
    expect(differ).toEqual([]);
  });
});

describe('explicitContractName', () => {
  it("spells a named month Tradovate's way and leaves continuous symbols to the front-month lookup", () => {
    expect(explicitContractName('NQZ5', 'NQ')).toBe('NQZ5');
    expect(explicitContractName('nqz25', 'NQ')).toBe('NQZ5');
    expect(explicitContractName('CME_MINI:MNQH2026', 'MNQ')).toBe('MNQH6');
    expect(explicitContractName('NQ1!', 'NQ')).toBeNull();
    expect(explicitContractName('NQ', 'NQ')).toBeNull();
  });
});
