import { flatBySessionAt, FlatBySchedule } from '../flat-by';
import { deny, RuleOutcome } from '../risk-denial';
import { localTime } from '../trading-window';

/**
 * FLAT_BY (entries): a firm with a flat-by time (registry `flat_by`) takes no entry from that time (earlier on
 * a CME early close when it follows the exchange) until its session reopens at the firm's trading-day reset,
 * nor on an exchange holiday or over the weekend. Exits always pass (evaluateOrder never asks for them).
 */
export function checkFlatBy(schedule: FlatBySchedule | null, now: Date): RuleOutcome {
  if (schedule === null) return null;
  const session = flatBySessionAt(now, schedule);
  if (session.open) return null;
  const { flatBy, day, calendar } = schedule;
  const exchangeDay = calendar.days[session.tradingDay] ?? null;
  const reopens = localTime(session.reopensAt, day.zone);
  const firmTime = `${flatBy.time} ${flatBy.timeZone}`;
  const details = {
    flat_by: firmTime,
    flat_by_at: session.flatByAt && localTime(session.flatByAt, flatBy.timeZone),
    trading_day: session.tradingDay,
    reopens_at: reopens,
    closed_for: session.why,
    exchange_day: exchangeDay && {
      name: exchangeDay.name,
      kind: exchangeDay.kind,
      close: exchangeDay.close && `${exchangeDay.close} ${calendar.timeZone}`,
    },
    local_time: localTime(now, flatBy.timeZone),
  };
  return deny(
    'FLAT_BY',
    `${why(session.why, firmTime, exchangeDay?.name)}; entries reopen at ${reopens}`,
    details,
  );
}

function why(kind: 'flat_by' | 'holiday' | 'weekend', firmTime: string, holiday: string | undefined): string {
  if (kind === 'holiday') return `The exchange is closed for ${holiday ?? 'a holiday'}`;
  if (kind === 'weekend') return 'The session is closed for the weekend';
  const early = holiday ? ` (earlier on the exchange's early close: ${holiday})` : '';
  return `Past the firm's flat-by time ${firmTime}${early}`;
}
