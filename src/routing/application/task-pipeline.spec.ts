import { InMemoryAccountLocks } from '../../../test/routing/support/in-memory-account-locks';
import { InMemoryOrderStore } from '../../../test/routing/support/in-memory-order-store';
import { InMemoryRetryStore } from '../../../test/routing/support/in-memory-retry-store';
import {
  FakeDirectory,
  FakeGateway,
  FakeHalts,
  FakeRiskGate,
  envAccount,
  FakeSizer,
  MemoryRoutedTrades,
  RecordingBarrier,
} from '../../../test/routing/support/port-fakes';
import { FakeContractCatalog } from '../../../test/risk/support/risk.fakes';
import { ProtectionResizer } from './protection-resizer';
import { PositionActions } from './position-actions';
import { aSignal, aTask, testSettings } from '../../../test/routing/support/routing-settings';
import type { RoutingSettings } from './routing-settings';
import { EntryDecisions } from './entry-decisions';
import { Metrics } from '../../platform/metrics/metrics';
import { OrderExecutor } from './order-executor';
import { StageTrace } from '../../platform/metrics/stage-trace';
import { TaskPipeline } from './task-pipeline';
import { EntryProtection } from './entry-protection';

function setup(settings: Partial<RoutingSettings> = {}) {
  const sizer = new FakeSizer();
  const risk = new FakeRiskGate();
  const gateway = new FakeGateway(new FakeDirectory(['APEX', 'FTMO', 'TOPSTEP']));
  const store = new InMemoryOrderStore();
  const config = testSettings(settings);
  const retries = new InMemoryRetryStore();
  const executor = new OrderExecutor(store, gateway, retries, config, new Metrics(), new StageTrace());
  executor.retryDelayMs = 0;
  const locks = new InMemoryAccountLocks();
  const decisions = new EntryDecisions(risk, store, locks, gateway);
  const barrier = new RecordingBarrier();
  const halts = new FakeHalts();
  const protection = new EntryProtection(gateway, halts, config);
  const routed = new MemoryRoutedTrades();
  const positions = new PositionActions(
    gateway,
    executor,
    routed,
    new FakeContractCatalog(),
    new ProtectionResizer(gateway),
    config,
  );
  const router = new TaskPipeline(
    sizer,
    risk,
    gateway,
    gateway.directory,
    executor,
    store,
    decisions,
    barrier,
    config,
    protection,
    positions,
    new StageTrace(),
    locks,
  );
  return { sizer, risk, gateway, store, router, locks, barrier, halts, routed, retries };
}

describe('TaskPipeline: entries', () => {
  it('sizes per firm × program, checks risk with the sized quantity and routes risk ∩ sizing approved firms', async () => {
    const { sizer, risk, gateway, router } = setup();
    sizer.quantities.set('APEX/4', 25).set('FTMO/4', 3).set('TOPSTEP/4', 7);
    sizer.rejections.set('TOPSTEP/4', 'MAX_CONTRACTS');
    risk.rejections.set('FTMO', 'MAX_DAILY_LOSS');
    risk.profits.set('APEX', new Map([[4, 1250]]));

    const result = await router.route(aTask(aSignal({ program_ids: [4], take_profit: 21530 })));

    expect(sizer.requests.map((r) => [r.firmCode, r.programId, r.accountProfit])).toEqual([
      ['APEX', 4, 1250],
      ['FTMO', 4, null],
      ['TOPSTEP', 4, null],
    ]);
    expect(risk.requests.map((r) => [r.firmCode, r.quantity, r.side, r.eventType])).toEqual([
      ['APEX', 25, 'buy', 'entry'],
      ['FTMO', 3, 'buy', 'entry'],
      ['TOPSTEP', null, 'buy', 'entry'],
    ]);
    expect(gateway.placed).toEqual([
      {
        firm: 'APEX',
        order: {
          symbol: 'NQ',
          side: 'BUY',
          quantity: 25,
          order_type: 'MARKET',
          entry_price: 21500,
          stop_loss: 21490,
          take_profit: 21530,
          risk_percent: 0.01,
          program_ids: [4],
          client_order_id: 'pr7-miadyj40-APEX-en',
        },
      },
    ]);
    expect(result).toEqual({
      routed: true,
      dry_run: false,
      event_type: 'entry',
      trade_id: 't-1',
      details: expect.stringContaining('ROUTED: 1 of 3 target account(s) passed risk and sizing; routed: 1'),
      outcome: 'ROUTED',
      account_counts: { targeted: 3, rejected: 2, success: 1, failed: 0, retry: 0, skipped: 0 },
      risk_checks: [
        {
          account_id: 1,
          account_label: 'env:APEX',
          firm_code: 'APEX',
          status: 'APPROVED',
          rule: null,
          reason: null,
          details: { quantity: 25 },
        },
        {
          account_id: 2,
          account_label: 'env:FTMO',
          firm_code: 'FTMO',
          status: 'REJECTED',
          rule: 'MAX_DAILY_LOSS',
          reason: 'rejected by MAX_DAILY_LOSS',
          details: { quantity: 3 },
        },
        {
          account_id: 3,
          account_label: 'env:TOPSTEP',
          firm_code: 'TOPSTEP',
          status: 'APPROVED',
          rule: null,
          reason: null,
          details: { quantity: null },
        },
      ],
      program_sizing: [
        expect.objectContaining({
          firm_code: 'APEX',
          program_id: 4,
          status: 'APPROVED',
          computed_quantity: 25,
        }),
        expect.objectContaining({
          firm_code: 'FTMO',
          program_id: 4,
          status: 'APPROVED',
          computed_quantity: 3,
        }),
        expect.objectContaining({
          firm_code: 'TOPSTEP',
          program_id: 4,
          status: 'REJECTED',
          rule: 'MAX_CONTRACTS',
        }),
      ],
      connector_results: [
        {
          account_id: 1,
          account_label: 'env:APEX',
          firm_code: 'APEX',
          status: 'SUCCESS',
          external_order_id: 'APEX-1',
          raw_response: { order_id: 'APEX-1', status: 'ACCEPTED' },
          error_message: null,
          // the fake platform's bracket stop leg covers the 25 contracts at the first read
          protection: expect.objectContaining({ status: 'PROTECTED', position: 25, covered: 25 }),
        },
      ],
    });
  });

  it('uses firm_codes instead of the enabled firms, and the user quantity when no program is sized', async () => {
    const { sizer, gateway, router } = setup();
    const result = await router.route(aTask(aSignal({ firm_codes: ['FTMO'], quantity: 2 })));
    expect(sizer.requests).toEqual([]);
    expect(gateway.placed.map((p) => [p.firm, p.order.quantity])).toEqual([['FTMO', 2]]);
    expect(result.program_sizing).toEqual([]);
    expect(result.connector_results.map((c) => [c.firm_code, c.status])).toEqual([['FTMO', 'SUCCESS']]);
  });

  it('fails a firm with MISSING_QUANTITY when neither sizing nor the trader gave a quantity', async () => {
    const { gateway, router } = setup();
    const result = await router.route(aTask(aSignal({ firm_codes: ['APEX'], quantity: null })));
    expect(gateway.placed).toEqual([]);
    expect(result.routed).toBe(false);
    expect(result.connector_results).toEqual([
      {
        account_id: 1,
        account_label: 'env:APEX',
        firm_code: 'APEX',
        status: 'FAILED',
        external_order_id: null,
        raw_response: null,
        error_message: 'MISSING_QUANTITY',
      },
    ]);
  });

  it('in dry run still sizes and checks risk, skips every allowed firm and writes no order', async () => {
    const { sizer, risk, gateway, store, router } = setup({ dryRun: true });
    sizer.quantities.set('APEX/4', 25).set('FTMO/4', 3).set('TOPSTEP/4', 1);
    risk.rejections.set('TOPSTEP', 'TRADING_HALT');
    const result = await router.route(aTask(aSignal({ program_ids: [4] })));
    expect(sizer.requests).toHaveLength(3);
    expect(risk.requests).toHaveLength(3);
    expect(gateway.placed).toEqual([]);
    expect(store.rows.size).toBe(0);
    expect(result).toMatchObject({ routed: false, dry_run: true });
    expect(result.details).toBe(
      'Dry run (EXECUTION_DRY_RUN): 2 of 3 target account(s) passed risk and sizing; no order sent.',
    );
    expect(result.connector_results).toEqual(
      ['APEX', 'FTMO'].map((firm_code, i) => ({
        account_id: i + 1,
        account_label: `env:${firm_code}`,
        firm_code,
        status: 'SKIPPED',
        external_order_id: null,
        raw_response: null,
        error_message: 'GLOBAL_DRY_RUN_ENABLED',
      })),
    );
  });

  it('retries a RETRY result twice, looking the order up before each new send', async () => {
    const { gateway, router } = setup();
    gateway.behaviours.set('APEX', (call) =>
      call < 3 ? { status: 'RETRY', error_message: 'HTTP 503' } : { status: 'SUCCESS' },
    );
    gateway.behaviours.set('FTMO', () => ({ status: 'RETRY', error_message: 'HTTP 429' }));
    const result = await router.route(aTask(aSignal({ firm_codes: ['APEX', 'FTMO'], quantity: 1 })));
    expect(gateway.placed.filter((p) => p.firm === 'APEX')).toHaveLength(3);
    expect(gateway.placed.filter((p) => p.firm === 'FTMO')).toHaveLength(3);
    expect(gateway.lookups.map((l) => l.firm).sort()).toEqual(['APEX', 'APEX', 'FTMO', 'FTMO']);
    expect(result.connector_results.map((c) => [c.firm_code, c.status, c.error_message])).toEqual([
      ['APEX', 'SUCCESS', null],
      ['FTMO', 'RETRY', 'HTTP 429'],
    ]);
  });
});

describe('TaskPipeline: a send whose outcome is unknown', () => {
  const unknown = {
    status: 'RETRY' as const,
    outcome_unknown: true as const,
    error_message: 'UNKNOWN_OUTCOME: timeout after the request was sent; no order found yet',
  };

  it('is never sent again in the call, nor looked up: RETRY, due for the re-drive after twice the window', async () => {
    const { gateway, router, retries } = setup({ orderSendWindowMs: 5000 });
    gateway.behaviours.set('APEX', () => unknown);
    // a RETRY that certainly did not send is still retried in the call, after a lookup
    gateway.behaviours.set('FTMO', (call) =>
      call < 2 ? { status: 'RETRY', error_message: 'TRANSIENT: HTTP 429' } : { status: 'SUCCESS' },
    );
    const before = Date.now();
    const result = await router.route(aTask(aSignal({ firm_codes: ['APEX', 'FTMO'], quantity: 1 })));
    expect(gateway.placed.map((p) => p.firm).sort()).toEqual(['APEX', 'FTMO', 'FTMO']);
    expect(gateway.lookups.map((l) => l.firm)).toEqual(['FTMO']);
    expect(result.connector_results.map((c) => [c.firm_code, c.status, c.error_message])).toEqual([
      ['APEX', 'RETRY', unknown.error_message],
      ['FTMO', 'SUCCESS', null],
    ]);
    // due 2 × 5 s after its window opened (just before its row was written), not at the 100 ms backoff
    expect(retries.scheduled).toHaveLength(1);
    const [{ ids, delayMs }] = retries.scheduled;
    expect(ids).toEqual([gateway.placed[0].order.client_order_id]);
    expect(delayMs).toBeGreaterThan(10_000 - (Date.now() - before) - 1);
    expect(delayMs).toBeLessThanOrEqual(10_000);
  });

  it('a transient RETRY is due at the plain backoff', async () => {
    const { gateway, router, retries } = setup({ orderSendWindowMs: 5000 });
    gateway.behaviours.set('APEX', () => ({ status: 'RETRY', error_message: 'TRANSIENT: HTTP 503' }));
    await router.route(aTask(aSignal({ firm_codes: ['APEX'], quantity: 1 })));
    expect(gateway.placed).toHaveLength(3);
    expect(retries.scheduled.map((s) => s.delayMs)).toEqual([100]);
  });

  it('a task processed again leaves its RETRY order to the re-drive until the quiet period is over', async () => {
    const { gateway, store, router } = setup({ orderSendWindowMs: 5000 });
    gateway.behaviours.set('APEX', (call) => (call === 1 ? unknown : { status: 'SUCCESS' }));
    const task = aTask(aSignal({ firm_codes: ['APEX'], quantity: 1 }));
    await router.route(task);
    const row = [...store.rows.values()][0];
    expect(row.status).toBe('RETRY');
    // its router died before the task completed; processed again 3 s after the row was written
    row.writtenAt -= 3000;
    const again = await router.route(task);
    expect(gateway.placed).toHaveLength(1);
    expect(gateway.lookups).toEqual([]);
    expect(again.connector_results.map((c) => [c.status, c.error_message])).toEqual([
      ['RETRY', unknown.error_message],
    ]);
    expect(row.deferredForMs).toBeGreaterThan(6900);
    expect(row.deferredForMs).toBeLessThanOrEqual(7000);
    // past the quiet period: looked up first, then sent
    row.writtenAt -= 7000;
    const third = await router.route(task);
    expect(gateway.lookups.map((l) => l.firm)).toEqual(['APEX']);
    expect(gateway.placed).toHaveLength(2);
    expect(third.connector_results.map((c) => c.status)).toEqual(['SUCCESS']);
  });
});

describe('TaskPipeline: a task processed again', () => {
  it('never sends an order twice: a settled row is reused, an unsettled one is reconciled first', async () => {
    const { gateway, store, router } = setup();
    const task = aTask(aSignal({ firm_codes: ['APEX', 'FTMO', 'TOPSTEP'], quantity: 2 }));
    await router.route(task);
    expect(gateway.placed).toHaveLength(3);

    // APEX: outcome recorded. FTMO: crashed after the platform took it. TOPSTEP: crashed before sending.
    const [ftmo, topstep] = ['FTMO', 'TOPSTEP'].map((f) =>
      [...store.rows.values()].find((r) => r.firmCode === f)!,
    );
    ftmo.status = 'PENDING_SEND';
    topstep.status = 'PENDING_SEND';
    gateway.platform.delete(topstep.clientOrderId);
    // written longer ago than twice the send window: their router can no longer be sending them
    for (const row of [ftmo, topstep]) row.writtenAt -= 2 * 30_000 + 1;

    const again = await router.route(task);
    expect(gateway.placed.map((p) => p.firm)).toEqual(['APEX', 'FTMO', 'TOPSTEP', 'TOPSTEP']);
    expect(gateway.lookups.map((l) => l.firm).sort()).toEqual(['FTMO', 'TOPSTEP']);
    expect(again.connector_results.map((c) => [c.firm_code, c.status, c.external_order_id])).toEqual([
      ['APEX', 'SUCCESS', 'APEX-1'],
      ['FTMO', 'SUCCESS', 'FTMO-2'],
      ['TOPSTEP', 'SUCCESS', 'TOPSTEP-4'],
    ]);
    expect([...store.rows.values()].map((r) => r.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
  });
});

describe('TaskPipeline: the send window', () => {
  it('sends each order inside a window that opens just before its row is written', async () => {
    const { gateway, router } = setup({ orderSendWindowMs: 5000 });
    const before = Date.now();
    await router.route(aTask(aSignal({ firm_codes: ['APEX', 'FTMO'], quantity: 1 })));
    expect(gateway.windows).toHaveLength(2);
    for (const w of gateway.windows) {
      expect(w).toBeGreaterThanOrEqual(before + 5000);
      expect(w).toBeLessThanOrEqual(Date.now() + 5000);
    }
  });

  it('leaves an unanswered order younger than twice the window to the re-drive: no lookup, no send', async () => {
    const { gateway, store, router } = setup({ orderSendWindowMs: 5000 });
    const task = aTask(aSignal({ firm_codes: ['APEX', 'FTMO'], quantity: 1 }));
    await router.route(task);
    const [apex, ftmo] = ['APEX', 'FTMO'].map((f) => [...store.rows.values()].find((r) => r.firmCode === f)!);
    // APEX: its router stalled past its lease 3 s ago and may still be sending. FTMO: 10 s ago, one cent of
    // time past the quiet period (2 × 5 s): looked up, not there, sent.
    apex.status = 'PENDING_SEND';
    apex.writtenAt -= 3000;
    ftmo.status = 'PENDING_SEND';
    ftmo.writtenAt -= 10_001;
    gateway.platform.delete(apex.clientOrderId);
    gateway.platform.delete(ftmo.clientOrderId);
    const placedBefore = gateway.placed.length;

    const again = await router.route(task);
    expect(gateway.lookups.map((l) => l.firm)).toEqual(['FTMO']);
    expect(gateway.placed.slice(placedBefore).map((p) => p.firm)).toEqual(['FTMO']);
    const apexResult = again.connector_results.find((c) => c.firm_code === 'APEX')!;
    expect(apexResult.status).toBe('RETRY');
    expect(apexResult.error_message).toMatch(/^IN_FLIGHT: /);
    expect(apex.status).toBe('RETRY');
    // due once 2 × 5 s have passed since it was written (3 s ago, give or take the test's own time)
    expect(apex.deferredForMs).toBeGreaterThan(6900);
    expect(apex.deferredForMs).toBeLessThanOrEqual(7000);
    expect(ftmo.status).toBe('SUCCESS');
  });

  it('at exactly twice the window the order is looked up', async () => {
    const { gateway, store, router } = setup({ orderSendWindowMs: 5000 });
    const task = aTask(aSignal({ firm_codes: ['APEX'], quantity: 1 }));
    await router.route(task);
    const apex = [...store.rows.values()][0];
    apex.status = 'PENDING_SEND';
    apex.writtenAt -= 10_000;
    await router.route(task);
    expect(gateway.lookups.map((l) => l.firm)).toEqual(['APEX']);
    expect(apex.status).toBe('SUCCESS');
  });
});

describe('TaskPipeline: exits', () => {
  it("closes at each firm what the trade's entry opened there, and records firms where it opened nothing", async () => {
    const { gateway, risk, router } = setup();
    gateway.behaviours.set('FTMO', () => ({ status: 'FAILED', error_message: 'rejected' }));
    await router.route(
      aTask(aSignal({ side: 'sell', firm_codes: ['APEX', 'FTMO'], quantity: 3 }), { id: 7 }),
    );
    risk.requests.length = 0;

    const exit = aSignal({ event_type: 'exit', side: null, quantity: null, firm_codes: [] });
    const result = await router.route(aTask(exit, { id: 8 }));

    expect(gateway.exits).toEqual([
      {
        firm: 'APEX',
        exit: {
          symbol: 'NQ',
          entry_side: 'SELL',
          quantity: 3,
          entry_external_order_id: 'APEX-1',
          client_order_id: 'pr8-miadyj40-APEX-ex',
          // the exit alert's price (where a paper account's exit fills; a live platform ignores it)
          price: 21500,
        },
      },
    ]);
    expect(risk.requests.map((r) => [r.firmCode, r.eventType, r.side, r.quantity])).toEqual([
      ['APEX', 'exit', 'buy', 3],
    ]);
    expect(result.routed).toBe(true);
    expect(result.program_sizing).toEqual([]);
    expect(result.connector_results.map((c) => [c.firm_code, c.status, c.error_message])).toEqual([
      ['APEX', 'SUCCESS', null],
      ['FTMO', 'SKIPPED', 'NO_ROUTED_ENTRY'],
      ['TOPSTEP', 'SKIPPED', 'NO_ROUTED_ENTRY'],
    ]);
  });

  it('does nothing for an exit whose trade routed no entry', async () => {
    const { gateway, risk, router } = setup();
    const result = await router.route(aTask(aSignal({ trade_id: 'never', event_type: 'exit', side: null })));
    expect(gateway.exits).toEqual([]);
    expect(risk.requests).toEqual([]);
    expect(result.routed).toBe(false);
    expect(result.connector_results.map((c) => c.error_message)).toEqual([
      'NO_ROUTED_ENTRY',
      'NO_ROUTED_ENTRY',
      'NO_ROUTED_ENTRY',
    ]);
  });
});

/** Lets turns pass until `ready` holds (at most 200). */
async function waitUntil(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ready(); i++) await new Promise((r) => setImmediate(r));
  if (!ready()) throw new Error('never ready');
}

describe('TaskPipeline: reads prepared before the task exists (the hand-off)', () => {
  const tradingAccounts = (gateway: FakeGateway) =>
    (gateway.directory.accounts = [
      envAccount(1, 'APEX', { label: 'apex-1', programId: 4 }),
      envAccount(2, 'FTMO', { label: 'ftmo-2', programId: 4 }),
    ]);

  it('takes the trading accounts’ decision locks, reads risk under them, decides on that reading and releases them', async () => {
    const { risk, gateway, router, locks, store } = setup();
    tradingAccounts(gateway);
    risk.reads = true;
    risk.profits.set('APEX', new Map([[4, 1250]]));
    let heldWhenRead: number[][] = [];
    const snapshot = risk.snapshot.bind(risk);
    risk.snapshot = () => {
      heldWhenRead = [...locks.open].map((h) => [...h.accountIds]);
      return snapshot();
    };
    const signal = aSignal({ firm_codes: ['APEX', 'FTMO'], program_ids: [4], quantity: 1 });
    const prepared = router.prepare(signal);
    await prepared.reading;
    expect(heldWhenRead).toEqual([[1, 2]]); // read once the locks were held, not before
    risk.rejections.set('FTMO', 'MAX_DAILY_LOSS'); // (a state no decision on these accounts can write now)
    let openWhenRecorded = -1;
    const reserve = store.reserve.bind(store);
    store.reserve = (...args) => {
      openWhenRecorded = locks.open.size;
      return reserve(...args);
    };

    const result = await router.route(aTask(signal), prepared);
    expect(risk.snapshots).toBe(1); // one read, under the locks: sizing and the decision
    expect(result.program_sizing[0].details).toMatchObject({ account_profit: 1250 });
    expect(result.risk_checks.map((c) => [c.firm_code, c.status])).toEqual([
      ['APEX', 'APPROVED'],
      ['FTMO', 'APPROVED'],
    ]);
    expect(openWhenRecorded).toBe(1); // the orders were recorded under them
    expect(locks.held).toEqual([[1, 2]]); // taken once, not again when deciding
    expect(locks.open.size).toBe(0);
  });

  it('a plain entry is sized while its insert is in flight, on the prepared reading, and not again when routed', async () => {
    const { sizer, risk, gateway, router } = setup();
    tradingAccounts(gateway);
    risk.reads = true;
    risk.profits.set('APEX', new Map([[4, 1250]]));
    const signal = aSignal({ firm_codes: ['APEX', 'FTMO'], program_ids: [4] });
    const prepared = router.prepare(signal);
    const sized = await prepared.sizing;
    expect(sized?.map((z) => [z.firm_code, z.details])).toEqual([
      ['APEX', { account_profit: 1250 }],
      ['FTMO', { account_profit: null }],
    ]);
    expect(sizer.requests).toHaveLength(2); // before the task exists
    const result = await router.route(aTask(signal), prepared);
    expect(sizer.requests).toHaveLength(2); // the route used it
    expect(result.program_sizing).toEqual(sized);
    expect(risk.snapshots).toBe(1);
  });

  it('an entry that closes or adds to a position first is sized when routed, on the accounts left then', async () => {
    const { sizer, risk, gateway, router } = setup();
    tradingAccounts(gateway);
    risk.reads = true;
    const signal = aSignal({ firm_codes: ['APEX', 'FTMO'], program_ids: [4], position_action: 'add' });
    const prepared = router.prepare(signal);
    expect(prepared.sizing).toBeNull();
    await prepared.reading;
    expect(sizer.requests).toHaveLength(0);
  });

  it('a second entry on accounts already held that way is decided the usual way: locked then, its state read again', async () => {
    const { risk, gateway, router, locks, store } = setup();
    tradingAccounts(gateway);
    risk.reads = true;
    const signal = (id: string) =>
      aSignal({ trade_id: id, firm_codes: ['APEX', 'FTMO'], program_ids: [4], quantity: 1 });
    const ordersWhenRead: number[] = [];
    const snapshot = risk.snapshot.bind(risk);
    risk.snapshot = () => {
      ordersWhenRead.push(store.rows.size);
      return snapshot();
    };
    const first = router.prepare(signal('a'));
    const second = router.prepare(signal('b'));
    await Promise.all([first.reading, second.reading]);
    expect(locks.held).toEqual([[1, 2]]); // the second took none
    await Promise.all([
      router.route(aTask(signal('b'), { id: 2 }), second),
      router.route(aTask(signal('a'), { id: 1 }), first),
    ]);
    // the second's decision read again once it held them, after the first's orders were recorded
    expect(locks.held).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(ordersWhenRead).toEqual([0, 0, 2]);
    expect(locks.open.size).toBe(0);
  });

  it('while a decision batch holds the accounts, an entry takes no early hold: it joins the next batch', async () => {
    const { risk, gateway, router, locks, store } = setup();
    tradingAccounts(gateway);
    risk.reads = true;
    const signal = (id: string) =>
      aSignal({ trade_id: id, firm_codes: ['APEX', 'FTMO'], program_ids: [4], quantity: 1 });
    // a claimed task (no prepared reads) is being decided: its batch holds accounts 1 and 2
    let endRead!: () => void;
    const snapshot = risk.snapshot.bind(risk);
    risk.snapshot = async () => {
      // the decision's read, under the batch's lock (the first lock taken), is held until the test lets it go
      if (locks.held.length === 1 && endRead === undefined) await new Promise<void>((r) => (endRead = r));
      return snapshot();
    };
    const claimed = router.route(aTask(signal('claimed'), { id: 1 }));
    await waitUntil(() => endRead !== undefined);
    const prepared = router.prepare(signal('handed-off'));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the prepared read waits on a hold behind the batch')), 2000);
    });
    await Promise.race([prepared.reading, late]).finally(() => clearTimeout(timer));
    expect(prepared.locked()).toBeNull(); // no hold of its own queued behind the batch
    const handedOff = router.route(aTask(signal('handed-off'), { id: 2 }), prepared);
    endRead();
    const [a, b] = await Promise.all([claimed, handedOff]);
    expect([a.routed, b.routed]).toEqual([true, true]);
    expect(locks.held).toEqual([
      [1, 2],
      [1, 2],
    ]); // the batch's lock, then the next batch's (taken once the first had recorded its orders)
    expect(store.rows.size).toBe(4);
    expect(locks.open.size).toBe(0);
  });

  it('releases the locks of a task never routed (a duplicate, a failed insert), taken or not yet', async () => {
    const { risk, gateway, router, locks } = setup();
    tradingAccounts(gateway);
    risk.reads = true;
    const signal = aSignal({ firm_codes: ['APEX', 'FTMO'], program_ids: [4], quantity: 1 });
    const taken = router.prepare(signal);
    await taken.reading;
    expect(locks.open.size).toBe(1);
    taken.release();
    expect(locks.open.size).toBe(0);
    const early = router.prepare(signal); // released before its targets are even resolved
    early.release();
    await early.reading;
    expect(locks.open.size).toBe(0);
    expect(locks.held).toEqual([[1, 2]]); // the dropped one never asked
    // and the next one takes them at once
    const next = router.prepare(signal);
    await next.reading;
    expect(await router.route(aTask(signal), next)).toMatchObject({ outcome: 'ROUTED' });
    expect(locks.held).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(locks.open.size).toBe(0);
  });

  it('locks not taken in time: decided as a claimed task is, under locks taken then and a fresh read', async () => {
    const { risk, gateway, router, locks } = setup();
    tradingAccounts(gateway);
    risk.reads = true;
    locks.tryHold = (ids) => ({
      accountIds: ids,
      taken: Promise.reject(new Error('lock timeout')),
      release: () => {},
    });
    const signal = aSignal({ firm_codes: ['APEX', 'FTMO'], program_ids: [4], quantity: 1 });
    const prepared = router.prepare(signal);
    await prepared.reading;
    risk.rejections.set('FTMO', 'MAX_DAILY_LOSS'); // after the unlocked read: the decision reads again
    const result = await router.route(aTask(signal), prepared);
    expect(risk.snapshots).toBe(2);
    expect(result.risk_checks.map((c) => c.status)).toEqual(['APPROVED', 'REJECTED']);
    expect(locks.held).toEqual([[1, 2]]);
  });

  it('an entry that closes or adds to a position takes no lock before its task exists', async () => {
    const { risk, gateway, router, locks } = setup();
    tradingAccounts(gateway);
    risk.reads = true;
    const prepared = router.prepare(
      aSignal({ firm_codes: ['APEX', 'FTMO'], program_ids: [4], quantity: 1, position_action: 'add' }),
    );
    await prepared.reading;
    expect(locks.held).toEqual([]);
  });

  it('env: accounts (firm-level, typed-in states) are decided on the prepared reading, nothing locked', async () => {
    const { risk, gateway, router, locks } = setup();
    risk.reads = true;
    const signal = aSignal({ firm_codes: ['APEX', 'FTMO'], quantity: 1 });
    const prepared = router.prepare(signal);
    await prepared.reading;
    risk.rejections.set('FTMO', 'MAX_DAILY_LOSS');
    const result = await router.route(aTask(signal), prepared);
    expect(risk.snapshots).toBe(1);
    expect(result.risk_checks.map((c) => c.status)).toEqual(['APPROVED', 'APPROVED']);
    expect(gateway.placed.map((p) => p.firm)).toEqual(['APEX', 'FTMO']);
    expect(locks.held).toEqual([[]]);
  });

  it('in dry run checks risk on the prepared reading: nothing is recorded, nothing is locked', async () => {
    const { risk, router, locks } = setup({ dryRun: true });
    risk.reads = true;
    const signal = aSignal({ firm_codes: ['APEX', 'FTMO'], quantity: 1 });
    const prepared = router.prepare(signal);
    await prepared.reading;
    risk.rejections.set('FTMO', 'MAX_DAILY_LOSS');
    const result = await router.route(aTask(signal), prepared);
    expect(risk.snapshots).toBe(1);
    expect(result.risk_checks.map((c) => c.status)).toEqual(['APPROVED', 'APPROVED']);
    expect(locks.held).toEqual([]);
  });

  it('reads risk only once the sync barrier let its synced accounts through (env: accounts are not held)', async () => {
    const { risk, router, barrier, gateway } = setup();
    gateway.directory.accounts.push(envAccount(9, 'APEX', { label: 'apex-9', programId: 4 }));
    risk.reads = true;
    let readsWhenAsked = -1;
    barrier.synced = async (ids) => {
      barrier.asked.push(ids);
      readsWhenAsked = risk.snapshots;
    };
    await router.route(aTask(aSignal({ firm_codes: ['APEX'], quantity: 1 })));
    expect(barrier.asked).toEqual([[9]]);
    expect(readsWhenAsked).toBe(0);
  });

  it('prepares nothing for an exit: it reads what its entry routed when it runs', () => {
    const { risk, router } = setup();
    risk.reads = true;
    expect(router.prepare(aSignal({ event_type: 'exit', side: null }))).toMatchObject({ reading: null });
    expect(risk.snapshots).toBe(0);
  });
});

describe('TaskPipeline: position-aware alerts (README "Alert semantics")', () => {
  const short2 = (gateway: FakeGateway, routed: MemoryRoutedTrades) => {
    gateway.book.fill(
      1,
      { symbol: 'NQ', side: 'SELL', quantity: 2, order_type: 'MARKET', client_order_id: 'x' },
      'S-1',
    );
    routed.positions = [{ accountId: 1, symbol: 'NQ', net: -2 }];
  };

  it('a buy while short closes the short, then opens the long, in that order', async () => {
    const { gateway, router, routed } = setup({ dryRun: false });
    short2(gateway, routed);
    const result = await router.route(
      aTask(aSignal({ firm_codes: ['APEX'], quantity: 1, position_action: 'open' })),
    );
    expect(gateway.exits.map((e) => [e.exit.entry_side, e.exit.quantity, e.exit.client_order_id])).toEqual([
      ['SELL', 2, 'pr7-miadyj40-APEX-rv'],
    ]);
    expect(gateway.placed.map((p) => [p.order.side, p.order.quantity])).toEqual([['BUY', 1]]);
    expect(gateway.book.picture(1, 'NQ').netQuantity).toBe(1);
    expect(routed.settled).toEqual([]); // openTrades of the fake holds no trade to settle
    expect(result.connector_results.map((c) => c.status)).toEqual(['SUCCESS']);
  });

  it('a reversal whose close fails opens nothing there: never both', async () => {
    const { gateway, router, routed } = setup({ dryRun: false });
    short2(gateway, routed);
    gateway.behaviours.set('APEX', () => ({ status: 'FAILED', error_message: 'REJECTED: market closed' }));
    const result = await router.route(
      aTask(aSignal({ firm_codes: ['APEX'], quantity: 1, position_action: 'open' })),
    );
    expect(gateway.placed).toEqual([]);
    expect(gateway.book.picture(1, 'NQ').netQuantity).toBe(-2);
    expect(result.connector_results.map((c) => [c.status, c.error_message])).toEqual([
      ['FAILED', 'REVERSAL_CLOSE_FAILED: FAILED: REJECTED: market closed'],
    ]);
    expect(result.outcome).toBe('FAILED_TO_SEND');
  });

  it('add goes only where a position is held, in its direction; nothing anywhere is NOTHING_TO_DO', async () => {
    const { gateway, router, routed } = setup({ dryRun: false });
    short2(gateway, routed);
    const add = aSignal({ side: null, position_action: 'add', quantity: 1, stop_loss: null });
    const result = await router.route(aTask(add));
    expect(gateway.placed.map((p) => [p.firm, p.order.side, p.order.quantity])).toEqual([
      ['APEX', 'SELL', 1],
    ]);
    expect(result.connector_results.map((c) => [c.account_label, c.status, c.error_message])).toEqual([
      ['env:FTMO', 'SKIPPED', 'NO_POSITION'],
      ['env:TOPSTEP', 'SKIPPED', 'NO_POSITION'],
      ['env:APEX', 'SUCCESS', null],
    ]);
    routed.positions = [];
    const none = await router.route(aTask(add, { id: 8 }));
    expect(none.outcome).toBe('NOTHING_TO_DO');
  });

  it('close by symbol cancels the working orders and closes what the platform holds; flat is ALREADY_FLAT', async () => {
    const { gateway, router } = setup({ dryRun: false });
    let cancelled = 0;
    gateway.cancelOrder = async () => {
      cancelled++;
      return {
        status: 'SUCCESS',
        external_order_id: null,
        raw_request: null,
        raw_response: {},
        error_message: null,
      };
    };
    gateway.book.fill(
      1,
      {
        symbol: 'NQ',
        side: 'BUY',
        quantity: 3,
        order_type: 'MARKET',
        stop_loss: 21400,
        client_order_id: 'x',
      },
      'L-1',
    );
    const close = aSignal({ event_type: 'exit', side: null, position_action: 'close', stop_loss: null });
    const result = await router.route(aTask(close));
    expect(cancelled).toBe(1);
    expect(gateway.exits.map((e) => [e.firm, e.exit.entry_side, e.exit.quantity])).toEqual([
      ['APEX', 'BUY', 3],
    ]);
    expect(result.connector_results.map((c) => [c.account_label, c.status, c.error_message])).toEqual([
      ['env:APEX', 'SUCCESS', null],
      ['env:FTMO', 'SKIPPED', 'ALREADY_FLAT'],
      ['env:TOPSTEP', 'SKIPPED', 'ALREADY_FLAT'],
    ]);
  });

  describe('a part reduced by symbol: the protective stop brought down to what is left', () => {
    const long3 = (gateway: FakeGateway) =>
      gateway.book.fill(
        1,
        {
          symbol: 'NQ',
          side: 'BUY',
          quantity: 3,
          order_type: 'MARKET',
          stop_loss: 21400,
          client_order_id: 'x',
        },
        'L-1',
      );
    const reduce1 = aSignal({
      event_type: 'exit',
      side: 'sell',
      position_action: 'reduce',
      quantity: 1,
      firm_codes: ['APEX'],
      stop_loss: null,
    });

    it('long 3 with a stop for 3, reduced by 1: the stop ends at 2 and the result says so', async () => {
      const { gateway, router } = setup({ dryRun: false });
      long3(gateway);
      const result = await router.route(aTask(reduce1));
      expect(gateway.placed.map((p) => [p.order.side, p.order.quantity])).toEqual([['SELL', 1]]);
      expect(gateway.book.picture(1, 'NQ')).toMatchObject({
        netQuantity: 2,
        workingOrders: [{ orderId: 'L-1-SL', side: 'SELL', quantity: 2 }],
      });
      const [apex] = result.connector_results;
      expect(apex).toMatchObject({ status: 'SUCCESS', error_message: null });
      expect(apex.protection_resize).toEqual({
        status: 'RESIZED',
        detail: '2 left: SELL STOP 3 → 2 at 21400 (order L-1-SL)',
        remaining: 2,
        legs: [
          {
            order_id: 'L-1-SL',
            side: 'SELL',
            type: 'STOP',
            from: 3,
            to: 2,
            status: 'SUCCESS',
            new_order_id: null,
            error_message: null,
          },
        ],
      });
    });

    it('a resize the platform refuses: the reduction stays SUCCESS with PROTECTION_RESIZE_FAILED', async () => {
      const { gateway, router } = setup({ dryRun: false });
      long3(gateway);
      gateway.resizeOrder = async (_accountId, resize) => ({
        status: 'FAILED',
        external_order_id: null,
        raw_request: resize,
        raw_response: null,
        error_message: 'REJECTED: modify refused',
      });
      const result = await router.route(aTask(reduce1));
      expect(gateway.book.picture(1, 'NQ').netQuantity).toBe(2);
      const [apex] = result.connector_results;
      expect(apex.status).toBe('SUCCESS');
      expect(apex.error_message).toBe(
        'PROTECTION_RESIZE_FAILED: 2 left, not resized: SELL STOP 3 → 2 at 21400 (order L-1-SL): ' +
          'FAILED REJECTED: modify refused',
      );
      expect(apex.protection_resize).toMatchObject({ status: 'FAILED', remaining: 2 });
      expect(result.routed).toBe(true);
    });

    it('no leg larger than what is left: NOT_NEEDED, nothing sent but the reduction', async () => {
      const { gateway, router } = setup({ dryRun: false });
      gateway.book.fill(
        1,
        { symbol: 'NQ', side: 'BUY', quantity: 3, order_type: 'MARKET', client_order_id: 'x' },
        'L-1',
      );
      gateway.book.addStop(1, 'NQ', 'S-9', 'SELL', 1, 21400);
      const result = await router.route(aTask(reduce1));
      expect(gateway.resizes).toEqual([]);
      expect(result.connector_results[0].protection_resize).toMatchObject({
        status: 'NOT_NEEDED',
        remaining: 2,
      });
    });
  });
});
