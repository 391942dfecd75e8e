import { checkOrderQuantity } from './order-quantity.rule';

describe("rule 5a: the order's quantity within {FIRM}_MAX_POSITION_SIZE", () => {
  it('passes at the limit, refuses one over', () => {
    expect(checkOrderQuantity(5, 5)).toBeNull();
    expect(checkOrderQuantity(6, 5)).toEqual({
      rule: 'MAX_POSITION_SIZE',
      reason: "Order of 6 contracts is above the firm's limit of 5",
      details: { limit: 5, firm_limit: 5, requested_quantity: 6 },
    });
  });

  it('passes at a limit of one, refuses two', () => {
    expect(checkOrderQuantity(1, 1)).toBeNull();
    expect(checkOrderQuantity(2, 1)?.rule).toBe('MAX_POSITION_SIZE');
  });

  it('is off without a limit, and an unknown quantity passes', () => {
    expect(checkOrderQuantity(1_000_000, null)).toBeNull();
    expect(checkOrderQuantity(null, 1)).toBeNull();
  });
});
