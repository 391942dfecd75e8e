import Decimal from 'decimal.js';
import { AccountStateRepository } from '../../src/risk/application/ports/account-state.repository.port';
import { endsThrough, HaltRepository } from '../../src/risk/application/ports/halt.repository.port';
import { RiskStateReader } from '../../src/risk/application/ports/risk-state.reader.port';
import type { AccountState } from '../../src/risk/domain/account-state';
import { startTestApp, TestApp } from '../support/test-app';

/** The risk gate's one-statement read answers exactly what the repositories hold. */
describe('PgRiskStateReader against Postgres (integration)', () => {
  let t: TestApp;
  let reader: RiskStateReader;
  let halts: HaltRepository;
  let states: AccountStateRepository;

  const state = (firmCode: string, programId: number, balance: string, accountId = 0): AccountState => ({
    firmCode,
    programId,
    accountId,
    balance: new Decimal(balance),
    startOfDayBalance: new Decimal('50000'),
    realizedPnlToday: new Decimal('-1234.5678901234'),
    openPnl: new Decimal('0'),
    highWaterMarkEod: new Decimal('50100.25'),
    highWaterMarkIntraday: new Decimal('50200.000000000000000001'),
    openContracts: -3,
    avgPrice: programId === 4 ? new Decimal('21500.25') : null,
    positionSymbol: programId === 4 ? 'NQ' : null,
    positions: programId === 4 ? [{ symbol: 'NQ', netQuantity: -3, avgPrice: new Decimal('21500.25') }] : [],
    fillBook: [],
    source: 'manual',
    confirmedAt: null,
    workingOrderRefs: [],
    tradingDay: '2026-03-09',
    updatedAt: new Date('2026-03-09T16:00:00.123Z'),
  });

  beforeAll(async () => {
    t = await startTestApp({ label: 'risk_state_reader' });
    reader = t.app.get(RiskStateReader);
    halts = t.app.get(HaltRepository);
    states = t.app.get(AccountStateRepository);
    const at = new Date('2026-03-09T15:00:00.456Z');
    await halts.create({ firmCode: null, reason: 'everything', createdBy: 'admin', createdAt: at });
    await halts.create({ firmCode: 'APEX', reason: 'apex only', createdBy: 'admin', createdAt: at });
    await halts.create({ firmCode: 'FTMO', reason: 'ftmo only', createdBy: 'ops', createdAt: at });
    const cleared = await halts.create({
      firmCode: 'APEX',
      reason: 'old',
      createdBy: 'admin',
      createdAt: at,
    });
    await halts.clear(cleared.id, 'admin', new Date('2026-03-09T15:30:00Z'));
    for (const s of [
      state('APEX', 4, '50123.456789'),
      state('APEX', 5, '99999.99'),
      state('FTMO', 1, '1'),
      state('APEX', 4, '48000.5', 7), // trading account 7 on the same firm × program
      state('APEX', 5, '51000', 8),
    ])
      await states.update(s, s, () => ({ state: s }));
  });
  afterAll(() => t?.close());

  it.each([
    { firms: ['APEX'], keys: [{ firmCode: 'APEX', programId: 4, accountId: 0 }] },
    { firms: ['APEX'], keys: [{ firmCode: 'APEX', programId: 4, accountId: 7 }] },
    {
      firms: ['APEX', 'FTMO'],
      keys: [
        { firmCode: 'APEX', programId: 4, accountId: 0 },
        { firmCode: 'APEX', programId: 1, accountId: 0 }, // not stored: APEX has no program 1
        { firmCode: 'FTMO', programId: 1, accountId: 0 },
        { firmCode: 'FTMO', programId: 4, accountId: 0 },
        { firmCode: 'APEX', programId: 5, accountId: 7 }, // account 7 holds program 4 only
        { firmCode: 'APEX', programId: 5, accountId: 8 },
      ],
    },
    { firms: ['TOPSTEP'], keys: [] },
    { firms: [], keys: [{ firmCode: 'APEX', programId: 5, accountId: 0 }] },
  ])('firms $firms: the same halts and states as the repositories', async ({ firms, keys }) => {
    const read = await reader.read(firms, keys);
    const key = (x: AccountState) => `${x.firmCode}:${x.programId}:${x.accountId}`;
    const sortStates = (list: AccountState[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
    const active = (await halts.list({ activeOnly: true, limit: 100, offset: 0 })).items
      .filter((h) => h.firmCode === null || firms.includes(h.firmCode))
      .sort((a, b) => a.id - b.id);
    expect(read.halts).toEqual(active);
    expect(sortStates(read.states)).toEqual(sortStates(keys.length ? await states.findMany(keys) : []));
    const stored = new Set(['APEX:4:0', 'APEX:5:0', 'FTMO:1:0', 'APEX:4:7', 'APEX:5:8']);
    expect(read.states.map(key).sort()).toEqual(
      keys
        .map((k) => `${k.firmCode}:${k.programId}:${k.accountId}`)
        .filter((k) => stored.has(k))
        .sort(),
    );
    expect(read.halts.map((h) => h.reason)).toEqual(
      ['everything', 'apex only', 'ftmo only'].filter(
        (r) => r === 'everything' || firms.some((f) => r.startsWith(f.toLowerCase())),
      ),
    );
  });

  it('reads each trading account its own state and the firm-level state its own, in one call', async () => {
    const { states: read } = await reader.read(
      ['APEX'],
      [
        { firmCode: 'APEX', programId: 4, accountId: 0 },
        { firmCode: 'APEX', programId: 4, accountId: 7 },
        { firmCode: 'APEX', programId: 4, accountId: 9 }, // never stored
      ],
    );
    const balances = Object.fromEntries(read.map((s) => [s.accountId, s.balance.toString()]));
    expect(balances).toEqual({ 0: '50123.456789', 7: '48000.5' });
  });

  it('keeps every digit of the numerics and the exact timestamps', async () => {
    const {
      states: [s],
    } = await reader.read(['APEX'], [{ firmCode: 'APEX', programId: 4, accountId: 0 }]);
    expect(s.balance.toString()).toBe('50123.456789');
    expect(s.highWaterMarkIntraday.toFixed(18)).toBe('50200.000000000000000001');
    expect(s.realizedPnlToday.toString()).toBe('-1234.5678901234');
    expect(s.avgPrice?.toString()).toBe('21500.25');
    expect(s.updatedAt.toISOString()).toBe('2026-03-09T16:00:00.123Z');
    expect(s.tradingDay).toBe('2026-03-09');
  });
  it('pages halts that ended at one instant by (end, id): every one once, none skipped at a page boundary', async () => {
    const end = new Date('2020-01-02T03:04:05.678Z'); // long past: active for nobody
    const ids: number[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          await halts.create({
            firmCode: 'APEX',
            reason: `tie ${i}`,
            createdBy: 'admin',
            createdAt: end,
            expiresAt: end,
          })
        ).id,
      );
    const later = await halts.create({
      firmCode: 'APEX',
      reason: 'later',
      createdBy: 'admin',
      createdAt: end,
      expiresAt: new Date(end.getTime() + 1),
    });
    const to = new Date(end.getTime() + 1);
    const seen: number[] = [];
    let after = endsThrough(new Date(end.getTime() - 1));
    for (let page = 0; page < 10; page++) {
      const got = await halts.expiredBetween(after, to, 2);
      if (got.length === 0) break;
      seen.push(...got.map((h) => h.id));
      const last = got[got.length - 1];
      after = { at: last.expiresAt, id: last.id };
    }
    expect(seen).toEqual([...ids, later.id]);
    // an instant already counted whole: nothing at it again
    expect(await halts.expiredBetween(endsThrough(end), end, 10)).toEqual([]);
  });
});
