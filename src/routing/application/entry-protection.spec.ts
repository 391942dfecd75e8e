import { FakeDirectory, FakeGateway, FakeHalts } from '../../../test/routing/support/port-fakes';
import { testSettings } from '../../../test/routing/support/routing-settings';
import type { NormalizedOrder } from '../../shared-kernel/seed-results';
import { EntryProtection, SentEntry } from './entry-protection';

const TIMEOUT_MS = 120;

function setup() {
  const gateway = new FakeGateway(new FakeDirectory(['APEX']));
  const halts = new FakeHalts();
  const protection = new EntryProtection(gateway, halts, testSettings({ protectTimeoutMs: TIMEOUT_MS }));
  /** Sends the entry through the fake platform (filled at once when MARKET) and describes it as sent. */
  const send = async (o: Partial<NormalizedOrder> = {}): Promise<SentEntry> => {
    const order: NormalizedOrder = {
      symbol: 'MNQ',
      side: 'BUY',
      quantity: 3,
      order_type: 'MARKET',
      stop_loss: 21000,
      client_order_id: 'pr9-x-a1-en',
      ...o,
    };
    const r = await gateway.placeOrder(1, order);
    return {
      accountId: 1,
      accountLabel: 'apex-1',
      firmCode: 'APEX',
      order,
      externalOrderId: r.external_order_id,
    };
  };
  return { gateway, halts, protection, send };
}

describe('EntryProtection', () => {
  it('confirms a bracket whose stop works at once: PROTECTED on the first read, nothing placed', async () => {
    const { gateway, protection, send } = setup();
    const p = await protection.protect(await send());
    expect(p).toMatchObject({
      status: 'PROTECTED',
      position: 3,
      covered: 3,
      stop_order_id: null,
      halt_id: null,
    });
    expect(p.elapsed_ms).toBeLessThan(TIMEOUT_MS);
    expect(gateway.positionReads).toBe(1);
    expect(gateway.stops).toEqual([]);
  });

  it('needs nothing for an entry without a stop loss (no read)', async () => {
    const { gateway, protection, send } = setup();
    const p = await protection.protect(await send({ stop_loss: undefined }));
    expect(p).toMatchObject({ status: 'NOT_NEEDED', detail: 'the entry carries no stop loss' });
    expect(gateway.positionReads).toBe(0);
  });

  it('places the missing stop when the stop leg never shows within the timeout: STOP_PLACED', async () => {
    const { gateway, halts, protection, send } = setup();
    gateway.book.dropStopLegs = true;
    const p = await protection.protect(await send());
    expect(p).toMatchObject({ status: 'STOP_PLACED', position: 3, covered: 0, stop_order_id: 'STOP-2' });
    expect(p.elapsed_ms).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(p.detail).toContain('placed a SELL stop for 3 at 21000');
    expect(gateway.positionReads).toBeGreaterThan(1);
    expect(gateway.stops.map((s) => s.stop)).toEqual([
      { symbol: 'MNQ', side: 'SELL', quantity: 3, stop_price: 21000, client_order_id: 'pr9-x-a1-ps' },
    ]);
    expect(gateway.book.picture(1, 'MNQ').workingOrders.map((o) => [o.type, o.side, o.quantity])).toEqual([
      ['STOP', 'SELL', 3],
    ]);
    expect(halts.halted).toEqual([]);
  });

  it('covers only what is missing of a partial bracket, for a short with a BUY stop', async () => {
    const { gateway, protection, send } = setup();
    gateway.book.dropStopLegs = true;
    const entry = await send({ side: 'SELL', stop_loss: 21100 });
    gateway.book.addStop(1, 'MNQ', 'OTHER', 'BUY', 1, 21100);
    const p = await protection.protect(entry);
    expect(p).toMatchObject({ status: 'STOP_PLACED', position: 3, covered: 1 });
    expect(gateway.stops[0].stop).toMatchObject({ side: 'BUY', quantity: 2, stop_price: 21100 });
  });

  it('halts the account, then flattens, when the missing stop fails too: FLATTENED with the reason', async () => {
    const { gateway, halts, protection, send } = setup();
    gateway.book.dropStopLegs = true;
    gateway.book.failStops = 1;
    const entry = await send();
    const p = await protection.protect(entry);
    expect(p).toMatchObject({ status: 'FLATTENED', position: 3, covered: 0, halt_id: 1 });
    expect(p.detail).toMatch(
      /missing stop for 3 failed: REJECTED: stop refused.*position flattened.*account halted \(halt 1, account scope\)/,
    );
    expect(halts.halted).toEqual([
      expect.objectContaining({
        accountId: 1,
        firmCode: 'APEX',
        by: 'protection',
        reason: expect.stringContaining('pr9-x-a1-en left without its stop'),
      }),
    ]);
    expect(gateway.exits.map((e) => e.exit)).toEqual([
      {
        symbol: 'MNQ',
        entry_side: 'BUY',
        quantity: 3,
        entry_external_order_id: entry.externalOrderId,
        client_order_id: 'pr9-x-a1-pf',
      },
    ]);
    expect(gateway.book.picture(1, 'MNQ').netQuantity).toBe(0);
  });

  it('flattens and halts when the position cannot be read until the deadline', async () => {
    const { gateway, halts, protection, send } = setup();
    const entry = await send();
    gateway.book.unreadable = true;
    const p = await protection.protect(entry);
    expect(p).toMatchObject({ status: 'FLATTENED', position: null, covered: null, halt_id: 1 });
    expect(p.detail).toMatch(/^position unreadable after \d+ ms: TRANSIENT: platform unreachable/);
    expect(gateway.stops).toEqual([]);
    expect(halts.halted).toHaveLength(1);
    expect(gateway.exits[0].exit.quantity).toBe(3);
  });

  it('says so when the halt cannot be recorded, and still flattens', async () => {
    const { gateway, halts, protection, send } = setup();
    gateway.book.dropStopLegs = true;
    gateway.book.failStops = 1;
    halts.broken = true;
    const p = await protection.protect(await send());
    expect(p).toMatchObject({ status: 'FLATTENED', halt_id: null });
    expect(p.detail).toContain('the halt could not be recorded: database unreachable');
  });

  it('reports an entry still working at the deadline as NOT_FILLED, and places nothing', async () => {
    const { gateway, protection, send } = setup();
    const p = await protection.protect(await send({ order_type: 'LIMIT', entry_price: 20990 }));
    expect(p).toMatchObject({ status: 'NOT_FILLED', position: 0 });
    expect(gateway.stops).toEqual([]);
    expect(gateway.exits).toEqual([]);
  });
});
