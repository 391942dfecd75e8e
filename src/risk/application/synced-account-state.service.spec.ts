import type { PlatformAccountSnapshot, PlatformFill } from '../../shared-kernel/platform-state';
import {
  aFirm,
  aProgramRecord,
  FakeClock,
  FakeContractCatalog,
  FakeProgramCatalog,
  InMemoryAccountStates,
} from '../../../test/risk/support/risk.fakes';
import { SyncedAccountStateService } from './synced-account-state.service';
import { SyncedStateChangeHub } from './synced-state-change.hub';

const POLICY = { rolloverMinute: 17 * 60, zone: 'America/New_York' };
const NOW = new Date('2026-03-09T16:00:00.000Z');
const ACCOUNT = { accountId: 7, firmCode: 'apex', programId: 4 };

function setup() {
  const catalog = new FakeProgramCatalog([aFirm('APEX')], [aProgramRecord({ id: 4, firmCode: 'APEX' })]);
  const states = new InMemoryAccountStates();
  const changes = new SyncedStateChangeHub();
  const changed: number[] = [];
  changes.subscribe((id) => changed.push(id));
  const service = new SyncedAccountStateService(
    states,
    catalog,
    new FakeContractCatalog(),
    new FakeClock(NOW),
    POLICY,
    changes,
  );
  return { service, states, changed };
}

const fill = (
  fillId: string,
  side: 'BUY' | 'SELL',
  price: string,
  o: Partial<PlatformFill> = {},
): PlatformFill => ({
  fillId,
  orderId: `o-${fillId}`,
  clientOrderId: null,
  symbol: 'NQH6',
  side,
  quantity: 1,
  price,
  filledAt: '2026-03-09T15:59:00.000Z',
  ...o,
});
const snapshot = (o: Partial<PlatformAccountSnapshot> = {}): PlatformAccountSnapshot => ({
  accountId: 7,
  balance: null,
  openPnl: null,
  realizedPnl: null,
  positions: [],
  fills: [],
  workingOrders: [],
  readAt: '2026-03-09T15:59:59.990Z',
  ...o,
});

describe('SyncedAccountStateService', () => {
  it('applies each fill once by its platform fill id, however often it is reported', async () => {
    const { service, states, changed } = setup();
    const fills = [fill('a', 'BUY', '21500'), fill('b', 'SELL', '21475.25'), fill('b', 'SELL', '21475.25')];
    expect(await service.apply(ACCOUNT, snapshot({ fills }))).toEqual({
      newFills: 2,
      balance: '49505',
      openPnl: '0',
    });
    expect(await service.apply(ACCOUNT, snapshot({ fills }))).toMatchObject({
      newFills: 0,
      balance: '49505',
    });
    const state = states.rows.get('APEX:4:7')!;
    expect(state.realizedPnlToday.toString()).toBe('-495');
    expect(state).toMatchObject({ source: 'platform', confirmedAt: new Date('2026-03-09T15:59:59.990Z') });
    expect(changed).toEqual([7, 7]); // the guards hear of every applied read
  });

  it("takes the platform's balance, open P&L and positions, and names the working orders", async () => {
    const { service, states } = setup();
    const out = await service.apply(
      ACCOUNT,
      snapshot({
        balance: '50012.25',
        openPnl: '-37.50',
        positions: [{ symbol: 'mnqh6', netQuantity: 3, averagePrice: '21500.25' }],
        workingOrders: [
          {
            orderId: '9001',
            clientOrderId: 'pr-1',
            symbol: 'MNQH6',
            side: 'SELL',
            quantity: 3,
            type: 'STOP',
            stopPrice: '21480',
            limitPrice: null,
          },
        ],
      }),
    );
    expect(out).toEqual({ newFills: 0, balance: '50012.25', openPnl: '-37.5' });
    expect(states.rows.get('APEX:4:7')).toMatchObject({
      openContracts: 3,
      positionSymbol: 'MNQ',
      workingOrderRefs: ['9001', 'pr-1'],
    });
    expect(states.rows.get('APEX:4:7')!.highWaterMarkIntraday.toString()).toBe('50000'); // 49974.75 < 50000
  });

  it('refuses a malformed snapshot, naming every problem, and changes nothing', async () => {
    const { service, states, changed } = setup();
    const bad = snapshot({
      balance: 'lots',
      fills: [fill('a', 'BUY', 'x', { quantity: 0, filledAt: 'soon' })],
    });
    await expect(service.apply(ACCOUNT, bad)).rejects.toThrow(
      /fills\[0\]\.quantity: 0.*fills\[0\]\.price: not a decimal.*fills\[0\]\.filledAt: not an instant.*balance: not a decimal/s,
    );
    await expect(service.apply(ACCOUNT, snapshot({ accountId: 8 }))).rejects.toThrow(
      'accountId: 8, for account 7',
    );
    expect(states.rows.size).toBe(0);
    expect(changed).toEqual([]);
  });

  it('refuses an account whose program is not of its firm', async () => {
    const { service } = setup();
    await expect(service.apply({ ...ACCOUNT, firmCode: 'FTMO' }, snapshot())).rejects.toThrow(
      'program 4 of firm FTMO',
    );
  });
});
