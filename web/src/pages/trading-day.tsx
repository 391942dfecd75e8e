import { tradingDay } from '../format/time';

/**
 * The futures trading day an instant falls in: the CME day that opens at 17:00 Chicago time (the day
 * Apex, Topstep and the other futures firms count their daily loss by), shown beside the operator's time.
 */
export function TradingDay({ at, day }: { at?: string | null; day?: string | null }) {
  const d = day ?? (at ? tradingDay(at, 'America/Chicago', 17) : null);
  if (!d) return null;
  return (
    <span className="muted small" title="the firm's trading day">
      trading day {d}
    </span>
  );
}
