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
