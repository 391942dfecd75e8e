import type { AccountPhase } from '../../../shared-kernel/account-phase';
import type { EconomicEvent, EventImpact } from '../economic-event';
import type { NewsBlackout } from '../program-limits';
import { deny, RuleOutcome } from '../risk-denial';

export interface NewsBlackoutInput {
  blackout: NewsBlackout | null | undefined;
  /** The account's phase; null when unknown (a firm-level state): the rule then applies. */
  phase: AccountPhase | null;
  now: Date;
  events: readonly EconomicEvent[];
  programId: number;
}

const RANK: Record<EventImpact, number> = { low: 0, medium: 1, high: 2 };
const MINUTE_MS = 60_000;

/** The first event whose blackout window holds `now`, or null. */
export function blackoutEvent(b: NewsBlackout, now: Date, events: readonly EconomicEvent[]) {
  const t = now.getTime();
  return (
    events.find(
      (e) =>
        RANK[e.impact] >= RANK[b.impact] &&
        (b.currencies === null || (e.currency !== null && b.currencies.includes(e.currency))) &&
        t >= e.at.getTime() - b.minutesBefore * MINUTE_MS &&
        t <= e.at.getTime() + b.minutesAfter * MINUTE_MS,
    ) ?? null
  );
}

/**
 * NEWS_BLACKOUT (entries): the firms word it "no orders within 2 minutes of the event", so both edges of the
 * window are inside it (exactly 2:00 before the release is refused; 2:01 before is not). An unknown phase is
 * treated as one the rule applies in: an operator who has not said must not trade the news by accident.
 */
export function checkNewsBlackout(i: NewsBlackoutInput): RuleOutcome {
  const b = i.blackout;
  if (!b || (i.phase !== null && !b.appliesTo.includes(i.phase))) return null;
  const event = blackoutEvent(b, i.now, i.events);
  if (event === null) return null;
  const from = new Date(event.at.getTime() - b.minutesBefore * MINUTE_MS);
  const until = new Date(event.at.getTime() + b.minutesAfter * MINUTE_MS);
  return deny(
    'NEWS_BLACKOUT',
    `No entries from ${b.minutesBefore} min before to ${b.minutesAfter} min after a ${event.impact}-impact event: ${event.title} at ${event.at.toISOString()}`,
    {
      event: event.title,
      event_at: event.at.toISOString(),
      currency: event.currency,
      impact: event.impact,
      blackout_from: from.toISOString(),
      blackout_until: until.toISOString(),
      phase: i.phase,
      program_id: i.programId,
    },
  );
}
