import { PlatformStateReader } from '../../../src/connectors/application/ports/platform-state.port';
import type { PlatformAccountSnapshot } from '../../../src/shared-kernel/platform-state';
import { Platforms, startPlatforms } from '../../support/platforms';
import { startTestApp, TestApp, TestAppOptions } from '../../support/test-app';
import { withClient } from '../../support/test-database';
import { waitFor } from '../../routing/support/wait';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field

export const FLATTEN_SECRET = 'flatten-e2e-webhook-secret';

/** The accounts of the flatten tests: two APEX accounts on the Tradovate fake, one TOPSTEP on ProjectX. */
export const TV_ACCOUNTS = [
  { id: 7301, name: 'APEX-FL-01', balance: '50000' },
  { id: 7302, name: 'APEX-FL-02', balance: '50000' },
];
export const PX_ACCOUNT = { id: 468, name: 'TS-FL-A', balance: '50000' };

export interface FlattenWorld {
  platforms: Platforms;
  t: TestApp;
  token: string;
  /** Account ids by label: apex-fl-1, apex-fl-2 (Tradovate), topstep-fl-1 (ProjectX). */
  ids: Record<string, number>;
  /** Routes a market entry with a stop and a target (a position and two working bracket orders), completed. */
  open(label: string, tradeId: string): Promise<Row>;
  /** The account at its platform now, read through PropRouter's own connector. */
  snapshot(accountId: number): Promise<PlatformAccountSnapshot>;
  rows(sql: string, values?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/** The service on Postgres with orders sent (not a dry run) to the Tradovate and ProjectX fakes. */
export async function startFlattenWorld(
  label: string,
  env: Record<string, string> = {},
  override?: TestAppOptions['override'],
): Promise<FlattenWorld> {
  const platforms = await startPlatforms({
    accounts: { tradovate: TV_ACCOUNTS, projectx: [PX_ACCOUNT] },
  });
  const t = await startTestApp({
    label,
    env: {
      WEBHOOK_SECRET: FLATTEN_SECRET,
      EXECUTION_DRY_RUN: 'false',
      ROUTER_ENABLED: 'true',
      CONNECTOR_RATE_LIMITS: 'off',
      SYNC_POLL_INTERVAL_MS: '1000',
      ...env,
    },
    override,
  });
  const token = await t.login();
  const connection = async (body: unknown) => {
    const r = await t.request('POST', '/api/accounts/connections', { token, body });
    expect(r.status).toBe(201);
    return r.body.id as number;
  };
  const tv = await connection(platforms.connections.tradovate);
  const px = await connection(platforms.connections.projectx);
  const ids: Record<string, number> = {};
  const account = async (body: Row) => {
    const r = await t.request('POST', '/api/accounts', {
      token,
      body: { sizing_mode: 'fixed', fixed_quantity: 1, tags: ['flatten-e2e'], ...body },
    });
    expect(r.status).toBe(201);
    ids[body.label] = r.body.id;
  };
  for (const [i, a] of TV_ACCOUNTS.entries())
    await account({
      label: `apex-fl-${i + 1}`,
      firm_code: 'APEX',
      program_id: 4,
      connection_id: tv,
      platform_account: String(a.id),
      platform_account_spec: a.name,
    });
  await account({
    label: 'topstep-fl-1',
    firm_code: 'TOPSTEP',
    program_id: 7,
    connection_id: px,
    platform_account: String(PX_ACCOUNT.id),
  });
  platforms.setPrice('NQ', '21000');
  const reader = t.app.get(PlatformStateReader);
  const rows = (sql: string, values: unknown[] = []) =>
    withClient(t.db.url, async (c) => (await c.query(sql, values)).rows as Row[]);
  return {
    platforms,
    t,
    token,
    ids,
    rows,
    snapshot: (accountId) => reader.snapshot(accountId, new Date()),
    open: async (accountLabel, tradeId) => {
      const r = await t.request('POST', '/api/webhooks/tradingview', {
        body: {
          secret: FLATTEN_SECRET,
          trade_id: tradeId,
          symbol: 'NQ',
          action: 'buy',
          entry_price: 21000,
          stop_loss: 20950,
          take_profit: 21100,
          accounts: accountLabel,
        },
      });
      expect(r.status).toBe(202);
      // an entry whose send timed out on a loaded host is RETRY until its re-drive (twice
      // ORDER_SEND_WINDOW_MS later) has looked it up or sent it: the position is open only then
      const answered = (task: Row) =>
        task.status === 'COMPLETED' &&
        !(task.result?.connector_results ?? []).some((c: Row) => c.status === 'RETRY');
      return waitFor(
        `task ${r.body.task_id} to complete, its orders answered`,
        async () => {
          const task = await t.request('GET', `/api/execution/tasks/${r.body.task_id}`, { token });
          return answered(task.body) ? (task.body as Row) : null;
        },
        30_000,
      );
    },
    close: async () => {
      await t?.close();
      await platforms?.close();
    },
  };
}

/** The account's open positions (non-zero) at its platform, by contract. */
export function held(s: PlatformAccountSnapshot): Record<string, number> {
  return Object.fromEntries(
    s.positions.filter((p) => p.netQuantity !== 0).map((p) => [p.symbol, p.netQuantity]),
  );
}
