import { FakeClock, InMemoryHalts } from '../../../test/risk/support/risk.fakes';
import { LiveEvents, LiveEventType } from '../../platform/live/live-events';
import { HaltExpiryFeed } from './halt-expiry.feed';

class RecordedEvents extends LiveEvents {
  readonly events: { type: LiveEventType; data: Record<string, unknown> }[] = [];
  publish(type: LiveEventType, data: Record<string, unknown>): void {
    this.events.push({ type, data });
  }
}

const START = '2026-12-03T14:00:00.000Z';

async function setup(ends: string[]) {
  const halts = new InMemoryHalts();
  for (const [i, end] of ends.entries())
    await halts.create({
      firmCode: 'APEX',
      accountId: i + 1,
      reason: `halt ${i + 1}`,
      createdBy: 'admin',
      createdAt: new Date(START),
      expiresAt: new Date(end),
    });
  const live = new RecordedEvents();
  const clock = new FakeClock(new Date(START));
  const feed = new HaltExpiryFeed(halts, live, clock);
  feed.onApplicationBootstrap();
  await feed.onApplicationShutdown(); // no interval: the test looks itself
  const announced = () => live.events.map((e) => e.data.halt_id as number);
  return { halts, live, clock, feed, announced };
}

describe('HaltExpiryFeed: each halt that ends by itself announced once', () => {
  it('announces an end once it has passed, and never again', async () => {
    const { clock, feed, live, announced } = await setup([
      '2026-12-03T14:00:01.000Z',
      '2026-12-03T14:00:05.000Z',
    ]);
    expect(await feed.look()).toBe(0);
    clock.set('2026-12-03T14:00:01.000Z'); // at its end: ended
    expect(await feed.look()).toBe(1);
    clock.set('2026-12-03T14:00:04.999Z');
    expect(await feed.look()).toBe(0);
    clock.set('2026-12-03T14:00:06.000Z');
    expect(await feed.look()).toBe(1);
    expect(announced()).toEqual([1, 2]);
    expect(live.events[0]).toEqual({
      type: 'halt.cleared',
      data: { halt_id: 1, firm_code: 'APEX', account_id: 1, reason: 'halt 1', by: 'admin', expired: true },
    });
  });

  it('a cleared halt is not announced when its end passes', async () => {
    const { halts, clock, feed, announced } = await setup(['2026-12-03T14:00:01.000Z']);
    await halts.clear(1, 'admin', new Date(START));
    clock.set('2026-12-03T14:00:02.000Z');
    expect(await feed.look()).toBe(0);
    expect(announced()).toEqual([]);
  });

  it('more ends at one instant than a look sends: the rest in the next looks, none skipped, none twice', async () => {
    // 250 halts ending in the same millisecond: pages of 100 end in the middle of that instant
    const ends = Array.from({ length: 250 }, () => '2026-12-03T14:00:01.000Z');
    const { clock, feed, announced } = await setup(ends);
    clock.set('2026-12-03T14:00:02.000Z');
    expect([await feed.look(), await feed.look(), await feed.look(), await feed.look()]).toEqual([
      100, 100, 50, 0,
    ]);
    expect(announced()).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
  });
});
