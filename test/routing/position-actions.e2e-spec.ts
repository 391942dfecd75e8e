import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootOf } from '../../src/connectors/fakes/fake-ledger';
import { FanOut, startFanOut } from '../accounts/support/fan-out';

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
