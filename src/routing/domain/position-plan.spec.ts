import {
  planEntryPosition,
  planSymbolExit,
  SKIP_ALREADY_FLAT,
  SKIP_NO_POSITION,
  SKIP_NO_WORKING_ORDERS,
  SKIP_POSITION_IS_LONG,
  SKIP_POSITION_IS_SHORT,
} from './position-plan';

describe('planSymbolExit', () => {
  it('close: cancels what works and closes what is held, whichever way', () => {
    expect(planSymbolExit('close', null, null, -3, 2)).toEqual({
      cancelWorking: true,
      order: { kind: 'close', heldSide: 'SELL', quantity: 3 },
      skip: null,
    });
    expect(planSymbolExit('close', 'sell', null, 2, 0)).toEqual({
      cancelWorking: false,
      order: { kind: 'close', heldSide: 'BUY', quantity: 2 },
      skip: null,
    });
    expect(planSymbolExit('close', null, null, 0, 1)).toEqual({
      cancelWorking: true,
      order: null,
      skip: null,
    });
    expect(planSymbolExit('close', null, null, 0, 0).skip).toBe(SKIP_ALREADY_FLAT);
  });

  it('cancel: the working orders only', () => {
    expect(planSymbolExit('cancel', null, null, 2, 1)).toEqual({
      cancelWorking: true,
      order: null,
      skip: null,
    });
    expect(planSymbolExit('cancel', null, null, 2, 0).skip).toBe(SKIP_NO_WORKING_ORDERS);
  });

  it('reduce: the position held the other way, by the quantity; at or over it, a close', () => {
    expect(planSymbolExit('reduce', 'buy', 1, -3, 2)).toEqual({
      cancelWorking: false,
      order: { kind: 'reduce', heldSide: 'SELL', quantity: 1 },
      skip: null,
    });
    expect(planSymbolExit('reduce', 'buy', 2, -3, 0).order).toEqual({
      kind: 'reduce',
      heldSide: 'SELL',
      quantity: 2,
    });
    expect(planSymbolExit('reduce', 'buy', 3, -3, 2)).toEqual({
      cancelWorking: true,
      order: { kind: 'close', heldSide: 'SELL', quantity: 3 },
      skip: null,
    });
    expect(planSymbolExit('reduce', 'sell', null, 2, 0).order).toEqual({
      kind: 'close',
      heldSide: 'BUY',
      quantity: 2,
    });
    expect(planSymbolExit('reduce', 'buy', 1, 2, 0).skip).toBe(SKIP_POSITION_IS_LONG);
    expect(planSymbolExit('reduce', 'sell', 1, -2, 0).skip).toBe(SKIP_POSITION_IS_SHORT);
    expect(planSymbolExit('reduce', 'sell', 1, 0, 3).skip).toBe(SKIP_NO_POSITION);
  });
});

describe('planEntryPosition', () => {
  it('open: flat or the same way opens; the other way is closed first', () => {
    expect(planEntryPosition('open', 'buy', 0)).toEqual({ side: 'buy', reverse: null, skip: null });
    expect(planEntryPosition('open', 'buy', 2)).toEqual({ side: 'buy', reverse: null, skip: null });
    expect(planEntryPosition('open', 'buy', -2)).toEqual({
      side: 'buy',
      reverse: { heldSide: 'SELL', quantity: 2 },
      skip: null,
    });
    expect(planEntryPosition('open', 'sell', 1).reverse).toEqual({ heldSide: 'BUY', quantity: 1 });
  });

  it('add: in the direction held; flat or the other way does nothing', () => {
    expect(planEntryPosition('add', null, -1)).toEqual({ side: 'sell', reverse: null, skip: null });
    expect(planEntryPosition('add', 'buy', 3)).toEqual({ side: 'buy', reverse: null, skip: null });
    expect(planEntryPosition('add', null, 0).skip).toBe(SKIP_NO_POSITION);
    expect(planEntryPosition('add', 'sell', 3).skip).toBe(SKIP_POSITION_IS_LONG);
  });
});
