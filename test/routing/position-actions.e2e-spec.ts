import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootOf } from '../../src/connectors/fakes/fake-ledger';
import { FanOut, startFanOut } from '../accounts/support/fan-out';
import { withClient } from '../support/test-database';

/**
 * The README's action × sentiment × position table (section "Alert semantics"), read from the README itself
 * and checked cell by cell against the platform fakes' positions: one account on each of Tradovate, ProjectX
 * and the generic REST API, each alert to the three (built service, live, on Postgres).
 */
const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const ACCOUNTS = ['apex-2', 'top-1', 'ftmo-1'];
const STARTS = [0, 2, -2];
const WORKING = new Set(['WORKING', 'Working', 'Open']);

interface Cell {
  action: string;
  sentiment: string | undefined;
  start: number;
  after: number;
  words: string;
}

/** Every cell of the table, one per action and sentiment a row names (`buy` or `sell`; none or `long`). */
function tableCells(): Cell[] {
  const lines = README.split('\n');
  const at = lines.findIndex((l) => l.startsWith('| action | sentiment | flat | long 2 | short 2 |'));
  if (at < 0) throw new Error('the README has no action × sentiment table');
  const cells: Cell[] = [];
  for (const line of lines.slice(at + 2)) {
    if (!line.startsWith('|')) break;
    const [action, sentiment, ...afters] = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const ticks = (c: string) => [...c.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const sentiments: (string | undefined)[] = ticks(sentiment).filter((x) => x !== 'trade_id');
    if (/^none/.test(sentiment)) sentiments.unshift(undefined);
    for (const a of ticks(action))
      for (const s of sentiments)
        afters.forEach((cell, i) =>
          cells.push({
            action: a,
            sentiment: s,
            start: STARTS[i],
            after: Number(ticks(cell)[0]),
            words: cell,
          }),
        );
  }
  return cells;
}

const CELLS = tableCells();

describe('position-aware alerts: the README table against the fakes (e2e, built service)', () => {
  let f: FanOut;
  beforeAll(async () => {
    f = await startFanOut('position_actions', { PROTECT_ENABLED: 'false' });
  }, 120_000);
  afterAll(() => f?.close());

  /** Net NQ per account label at its fake. */
  const positions = () =>
    Object.fromEntries(
      ACCOUNTS.map((label) => {
        const spec = {
          'apex-2': ['tradovate', '7002'],
          'top-1': ['projectx', '8801'],
          'ftmo-1': ['rest', 'FTMO-9001'],
        }[label] as ['tradovate' | 'projectx' | 'rest', string];
        const held = f.fake(spec[0]).accountPositions()[spec[1]] ?? {};
        const net = Object.entries(held)
          .filter(([contract]) => rootOf(contract) === 'NQ')
          .reduce((sum, [, n]) => sum + n, 0);
        return [label, net];
      }),
    );
  const working = () =>
    f.platforms.fakes
      .flatMap((fake) => fake.orders())
      .filter((o) => rootOf(o.symbol) === 'NQ' && WORKING.has(o.status));
  const send = (body: Record<string, unknown>) =>
    f.routed({ symbol: 'NQ', accounts: ACCOUNTS.join(','), ...body });
  const everywhere = (net: number) => Object.fromEntries(ACCOUNTS.map((a) => [a, net]));

  /** Flat with nothing working, then the start position opened by the router itself (its records know it). */
  async function startAt(net: number, withWorkingOrder: boolean): Promise<void> {
    await send({ action: 'close' });
    expect([positions(), working()]).toEqual([everywhere(0), []]);
    if (net !== 0) await send({ action: net > 0 ? 'buy' : 'sell', quantity: Math.abs(net) });
    // a resting limit far from the market, the position's way (the other way would be a reversal)
    if (withWorkingOrder)
      await send({
        action: net < 0 ? 'sell' : 'buy',
        order_type: 'limit',
        price: net < 0 ? 90000 : 1000,
        quantity: 1,
      });
    expect(positions()).toEqual(everywhere(net));
  }

  it.each(CELLS.map((c) => [c.action, c.sentiment ?? '(none)', c.start, c.after, c]))(
    '%s with sentiment %s from %i → %i',
    async (_a, _s, start, after, cell) => {
      const { action, sentiment } = cell as Cell;
      await startAt(start as number, action === 'cancel');
      const task = await send({ action, ...(sentiment ? { sentiment } : {}), quantity: 1 });
      expect(positions()).toEqual(everywhere(after as number));
      const statuses = task.result.connector_results.map((c: { status: string }) => c.status);
      const skip = /`([A-Z_]+)`/.exec((cell as Cell).words)?.[1];
      if (skip)
        expect(task.result.connector_results.map((c: { error_message: string }) => c.error_message)).toEqual(
          ACCOUNTS.map(() => skip),
        );
      else expect(statuses).toEqual(ACCOUNTS.map(() => 'SUCCESS'));
      if (action === 'cancel' || after === 0) expect(working()).toEqual([]);
    },
  );

  describe('a part reduced from a bracketed position: the stop and target cover what is left', () => {
    const PLATFORM_OF = { 'apex-2': 'tradovate', 'top-1': 'projectx', 'ftmo-1': 'rest' } as const;
    const setPrice = (price: string) => {
      for (const fake of f.platforms.fakes) fake.setPrice('NQ', price);
    };
    /** Each account's working NQ legs at its fake: [side type quantity], sorted. */
    const legs = () =>
      Object.fromEntries(
        ACCOUNTS.map((label) => [
          label,
          f
            .fake(PLATFORM_OF[label as keyof typeof PLATFORM_OF])
            .orders()
            .filter((o) => rootOf(o.symbol) === 'NQ' && WORKING.has(o.status) && o.side === 'SELL')
            .map((o) => `${o.side} ${/stop/i.test(o.type) ? 'STOP' : 'LIMIT'} ${o.quantity}`)
            .sort(),
        ]),
      );
    const long3WithBracket = async () => {
      setPrice('18000');
      await startAt(0, false);
      // ProjectX measures brackets in ticks from the entry's price
      await send({ action: 'buy', quantity: 3, price: 18000, stop_loss: 17990, take_profit: 18010 });
      expect(positions()).toEqual(everywhere(3));
      expect(legs()).toEqual(Object.fromEntries(ACCOUNTS.map((a) => [a, ['SELL LIMIT 3', 'SELL STOP 3']])));
    };

    it('long 3, reduced by 1 → long 2 with its stop and target for 2; the stop then fills: flat, never short', async () => {
      await long3WithBracket();
      const task = await send({ action: 'sell', sentiment: 'long', quantity: 1 });
      expect(positions()).toEqual(everywhere(2));
      expect(legs()).toEqual(Object.fromEntries(ACCOUNTS.map((a) => [a, ['SELL LIMIT 2', 'SELL STOP 2']])));
      const results = task.result.connector_results;
      expect(
        results.map((c: { status: string; error_message: string | null }) => [c.status, c.error_message]),
      ).toEqual(ACCOUNTS.map(() => ['SUCCESS', null]));
      for (const c of results)
        expect(c.protection_resize).toMatchObject({
          status: 'RESIZED',
          remaining: 2,
          legs: [
            { from: 3, to: 2 },
            { from: 3, to: 2 },
          ],
        });
      setPrice('17980');
      expect(positions()).toEqual(everywhere(0));
      setPrice('18020'); // back through the target: nothing left to sell
      expect(positions()).toEqual(everywhere(0));
    });

    it('a resize the platform refuses: the reduction is recorded, the result says PROTECTION_RESIZE_FAILED, the trader is told', async () => {
      await long3WithBracket();
      const tradovate = f.fake('tradovate');
      tradovate.addFault({ fault: { kind: 'reject', reason: 'TooLate' }, path: 'modifyorder' });
      try {
        const task = await send({ action: 'sell', sentiment: 'long', quantity: 1 });
        expect(positions()).toEqual(everywhere(2));
        const byLabel = Object.fromEntries(
          task.result.connector_results.map((c: { account_label: string }) => [c.account_label, c]),
        );
        expect(byLabel['apex-2'].status).toBe('SUCCESS');
        expect(byLabel['apex-2'].error_message).toMatch(
          new RegExp(
            '^PROTECTION_RESIZE_FAILED: 2 left, not resized: SELL STOP 3 → 2 at 17990 \\(order \\d+\\): FAILED ' +
              'REJECTED: Tradovate modify rejected: TooLate: .*; SELL LIMIT 3 → 2 at 18010 \\(order \\d+\\): FAILED',
          ),
        );
        expect(byLabel['apex-2'].protection_resize.status).toBe('FAILED');
        for (const label of ['top-1', 'ftmo-1'])
          expect(byLabel[label].protection_resize.status).toBe('RESIZED');
        const notices = await withClient(f.db.url, (c) =>
          c.query(
            `SELECT payload FROM notification_outbox WHERE kind = 'order.failed' AND payload->>'task_id' = $1`,
            [String(task.id)],
          ),
        );
        expect(notices.rows.map((r: { payload: Record<string, unknown> }) => r.payload)).toEqual([
          expect.objectContaining({
            account_label: 'apex-2',
            event_type: 'protective orders',
            side: 'SELL',
            quantity: 2,
            error: expect.stringMatching(/^PROTECTION_RESIZE_FAILED: /),
          }),
        ]);
      } finally {
        tradovate.clearFaults();
      }
    });
  });

  it('the table covers every action × sentiment × position the alert syntax has', () => {
    const keys = new Set(CELLS.map((c) => `${c.action}/${c.sentiment ?? ''}/${c.start}`));
    for (const start of STARTS) {
      for (const action of ['buy', 'sell'])
        for (const s of ['', 'long', 'short', 'flat']) expect(keys).toContain(`${action}/${s}/${start}`);
      for (const action of ['exit', 'close', 'cancel', 'add']) expect(keys).toContain(`${action}//${start}`);
      for (const s of ['long', 'short']) expect(keys).toContain(`add/${s}/${start}`);
    }
  });
});
