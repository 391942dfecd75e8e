import { entryOrdersByClientId, Platforms, startPlatforms } from '../support/platforms';
import { printReport, sleep, waitFor } from '../reliability/support/report';
import { entrySignal } from '../reliability/support/signals';
import { FAST_ROUTER_ENV, taskRows, WEBHOOK_SECRET } from '../reliability/support/suite';
import { postSignal, ServiceProcess, startServiceProcess } from '../support/service-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * SIGTERM while platforms hang (the built process, live mode): APEX's fake takes the order and never
 * answers, TOPSTEP's never even reads it, both with the default 30 s timeout. The process must exit within
 * 10 s; on restart the task is reclaimed once its lease expires, APEX's order is found (reconciled, not
 * sent again) and TOPSTEP's is sent: exactly one order at each platform.
 */
describe('shutdown with hanging platforms (built process)', () => {
  let db: TestDatabase;
  let platforms: Platforms;
  let svc: ServiceProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('shutdown');
    platforms = await startPlatforms({
      extraEnv: { APEX_TIMEOUT_MS: '30000', TOPSTEP_TIMEOUT_MS: '30000' },
    });
  }, 60_000);

  afterAll(async () => {
    await svc?.stop('SIGKILL');
    await platforms?.close();
    await db?.drop();
  });

  const start = () =>
    startServiceProcess({
      DATABASE_URL: db.url,
      WEBHOOK_SECRET,
      EXECUTION_DRY_RUN: 'false',
      ...FAST_ROUTER_ENV,
      ...platforms.env,
    });

  it('exits within 10 s on SIGTERM, and the restart sends each order exactly once', async () => {
    const apex = platforms.byFirm.APEX;
    const topstep = platforms.byFirm.TOPSTEP;
    apex.addFault({ fault: { kind: 'timeout' }, path: 'order/place' });
    topstep.addFault({ fault: { kind: 'timeout-before' }, path: 'order/place' });
    svc = await start();
    const accepted = await postSignal(
      svc.url,
      entrySignal(`shut-${Date.now()}`, ['APEX', 'TOPSTEP'], WEBHOOK_SECRET),
    );
    expect(accepted?.status).toBe(202);
    const hanging = (f: typeof apex, path: string) =>
      f.requests().some((r) => r.path.toLowerCase().includes(path));
    await waitFor('both platforms to hold a request', 20_000, async () =>
      hanging(apex, 'order/place') && hanging(topstep, 'order/place') ? true : undefined,
    );

    const exited = new Promise<number | null>((resolve) => svc!.proc.once('exit', (code) => resolve(code)));
    const t0 = Date.now();
    svc.proc.kill('SIGTERM');
    const code = await Promise.race([exited, sleep(15_000).then(() => 'still running' as const)]);
    const elapsed = Date.now() - t0;
    printReport('shutdown', { sigtermToExitMs: elapsed, exitCode: String(code) });
    expect({ code, withinTenSeconds: elapsed < 10_000 }).toEqual({ code: 0, withinTenSeconds: true });
    expect(svc.output()).not.toMatch(/"level":(50|60)/);

    apex.clearFaults();
    topstep.clearFaults();
    svc = await start();
    const rows = await waitFor('the task to complete after the restart', 30_000, async () => {
      const r = await taskRows(db.url);
      return r.every((t) => t.status === 'COMPLETED') ? r : undefined;
    });
    expect(rows).toHaveLength(1);
    const orders = (f: typeof apex) => [...entryOrdersByClientId(f).values()].map((o) => o.length);
    expect({ apex: orders(apex), topstep: orders(topstep) }).toEqual({ apex: [1], topstep: [1] });
  }, 120_000);
});
