import { AccountDirectory } from '../../src/accounts/application/ports/account-directory.port';
import { ConnectorGateway } from '../../src/connectors/application/ports/connector-gateway.port';
import { RiskGate } from '../../src/risk/application/ports/risk-gate.port';
import { PositionSizer } from '../../src/sizing/application/ports/position-sizer.port';
import { withClient } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { FakeDirectory, FakeGateway, FakeRiskGate, FakeSizer } from './support/port-fakes';
import { tasksNotLoggedOnce } from '../support/db-inspect';
import { waitFor } from './support/wait';

const SECRET = 'handoff-e2e-secret';

interface TaskRow {
  status: string;
  attempts: number;
  locked_by: string | null;
}

/**
 * The hand-off: a signal accepted by a process with a free router slot is inserted already leased to
 * that router and run at once, with no NOTIFY and no claim. Every app here polls once a minute, so a task
 * done within seconds was started by the hand-off or by a wake-up, never by the interval.
 */
describe('hand-off from the webhook to the router (e2e)', () => {
  const apps: TestApp[] = [];
  const sizer = new FakeSizer();
  const start = async (label: string, env: Record<string, string>, gateway: FakeGateway) => {
    const t = await startTestApp({
      label,
      env: {
        WEBHOOK_SECRET: SECRET,
        ROUTER_ENABLED: 'true',
        EXECUTION_DRY_RUN: 'false',
        ROUTER_POLL_INTERVAL_MS: '60000',
        ROUTER_ID: label,
        ...env,
      },
      override: (b) =>
        b
          .overrideProvider(PositionSizer)
          .useValue(sizer)
          .overrideProvider(RiskGate)
          .useValue(new FakeRiskGate())
          .overrideProvider(ConnectorGateway)
          .useValue(gateway)
          .overrideProvider(AccountDirectory)
          .useValue(gateway.directory),
    });
    apps.push(t);
    return t;
  };
  const send = async (t: TestApp, body: Record<string, unknown>) => {
    const r = await t.request('POST', '/api/webhooks/tradingview', {
      body: { secret: SECRET, symbol: 'NQ', side: 'buy', quantity: 1, ...body },
    });
    expect(r.status).toBe(202);
    return r.body.task_id as number;
  };
  const row = (t: TestApp, id: number) =>
    withClient(t.db.url, async (c) => {
      const r = await c.query<TaskRow>(
        'SELECT status, attempts, locked_by FROM execution_tasks WHERE id = $1',
        [id],
      );
      return r.rows[0];
    });
  const completed = (t: TestApp, id: number, timeoutMs = 5000) =>
    waitFor(
      `task ${id} to complete`,
      async () => {
        const r = await row(t, id);
        return r.status === 'COMPLETED' ? r : null;
      },
      timeoutMs,
    );
  /** A gate the fake platform waits on, and the function that opens it. */
  const hold = (gateway: FakeGateway) => {
    let open!: () => void;
    gateway.gate = new Promise<void>((resolve) => (open = resolve));
    return () => {
      gateway.gate = null;
      open();
    };
  };

  afterAll(async () => {
    for (const t of apps.splice(0)) await t.close();
  });

  describe('NOTIFY off', () => {
    let t: TestApp;
    const gateway = new FakeGateway(new FakeDirectory(['APEX']));
    beforeAll(async () => {
      t = await start('handoff-quiet', { ROUTER_NOTIFY: 'false', ROUTER_BATCH_SIZE: '5' }, gateway);
    });

    it('leases the task in its insert and routes it at once', async () => {
      const release = hold(gateway);
      const id = await send(t, { trade_id: 'h-1' });
      // committed leased to this router before the answer: no claim ever looked at it
      expect(await row(t, id)).toEqual({ status: 'PROCESSING', attempts: 1, locked_by: 'handoff-quiet' });
      release();
      expect(await completed(t, id)).toMatchObject({ attempts: 1, locked_by: 'handoff-quiet' });
      expect(gateway.placed.filter((p) => p.order.client_order_id.startsWith(`pr${id}-`))).toHaveLength(1);
    });

    it('leaves an exit PENDING while its entry runs, and runs it as soon as the entry completes', async () => {
      const release = hold(gateway);
      const entry = await send(t, { trade_id: 'h-2' });
      const exit = await send(t, { trade_id: 'h-2', event_type: 'exit' });
      expect(await row(t, exit)).toEqual({ status: 'PENDING', attempts: 0, locked_by: null });
      await new Promise((r) => setTimeout(r, 300));
      expect((await row(t, exit)).status).toBe('PENDING');
      release();
      await completed(t, entry);
      // nothing announces the exit (NOTIFY is off) and the interval is a minute away: the entry's
      // completion said its exit was waiting
      expect(await completed(t, exit)).toMatchObject({ attempts: 1, locked_by: 'handoff-quiet' });
      expect(gateway.exits.map((e) => e.exit.client_order_id)).toEqual([
        expect.stringMatching(`^pr${exit}-`),
      ]);
    });

    it('wrote exactly one execution log per completed task', async () => {
      expect(await tasksNotLoggedOnce(t.db.url)).toEqual([]);
    });
  });

  describe('every slot taken', () => {
    let t: TestApp;
    const gateway = new FakeGateway(new FakeDirectory(['APEX']));
    /** Holds sizing: a task deciding (before its orders are recorded) keeps its slot. */
    const holdSizing = () => {
      let open!: () => void;
      sizer.gate = new Promise<void>((resolve) => (open = resolve));
      return () => {
        sizer.gate = null;
        open();
      };
    };
    beforeAll(async () => {
      t = await start('handoff-full', { ROUTER_NOTIFY: 'true', ROUTER_BATCH_SIZE: '1' }, gateway);
    });

    it('leaves the signal PENDING and announced, and the router claims it when a slot frees', async () => {
      const release = holdSizing();
      const first = await send(t, { trade_id: 'f-1', program_ids: [4] });
      const second = await send(t, { trade_id: 'f-2', program_ids: [4] });
      expect(await row(t, first)).toMatchObject({ status: 'PROCESSING', attempts: 1 });
      // the router's one slot is held by the first (still deciding): the NOTIFY found no room, so the second waits
      await new Promise((r) => setTimeout(r, 300));
      expect(await row(t, second)).toEqual({ status: 'PENDING', attempts: 0, locked_by: null });
      release();
      await completed(t, first);
      expect(await completed(t, second)).toMatchObject({ attempts: 1, locked_by: 'handoff-full' });
      // the queue drained: the next signal is handed off again
      const hold2 = holdSizing();
      const third = await send(t, { trade_id: 'f-3', program_ids: [4] });
      expect(await row(t, third)).toEqual({ status: 'PROCESSING', attempts: 1, locked_by: 'handoff-full' });
      hold2();
      await completed(t, third);
    });

    it('a task waiting on its platform frees its slot: the next signal runs while the first still waits', async () => {
      const release = hold(gateway);
      const first = await send(t, { trade_id: 'w-1' });
      const second = await send(t, { trade_id: 'w-2' });
      // both are at the platform with one slot: the first's orders were recorded, so its slot went to the second
      await waitFor('both orders at the platform', async () => {
        const ids = gateway.placed.map((p) => p.order.client_order_id);
        return [first, second].every((id) => ids.some((c) => c.startsWith(`pr${id}-`))) || null;
      });
      expect(await row(t, first)).toMatchObject({ status: 'PROCESSING' });
      release();
      await completed(t, first);
      await completed(t, second);
    });
  });

  describe('ROUTER_HANDOFF=false', () => {
    it('queues the signal PENDING for a claim to find', async () => {
      const gateway = new FakeGateway(new FakeDirectory(['APEX']));
      const t = await start('handoff-off', { ROUTER_NOTIFY: 'false', ROUTER_HANDOFF: 'false' }, gateway);
      const id = await send(t, { trade_id: 'o-1' });
      // NOTIFY is off too: nothing but the interval, a minute away, would wake the router
      await new Promise((r) => setTimeout(r, 500));
      expect(await row(t, id)).toEqual({ status: 'PENDING', attempts: 0, locked_by: null });
      expect(gateway.placed).toEqual([]);
    });
  });
});
