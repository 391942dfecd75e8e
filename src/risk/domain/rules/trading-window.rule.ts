import type { FirmRiskRules } from '../firm-risk-rules';
import { deny, RuleOutcome } from '../risk-denial';
import { FUTURES_WEEKEND_ZONE, isFuturesWeekend, isWithinWindow, localTime } from '../trading-window';

/**
 * Rule 4 (entries): with `{FIRM}_TRADING_WINDOW` set, the local time in `{FIRM}_TIMEZONE` must be
 * inside the daily window, and a futures order must not fall in the weekend close (Fri 17:00 →
 * Sun 18:00 New York).
 */
export function checkTradingWindow(rules: FirmRiskRules, isFutures: boolean, now: Date): RuleOutcome {
  const window = rules.tradingWindow;
  if (window === null) return null;
  const details = {
    window: window.text,
    timezone: rules.timezone,
    local_time: localTime(now, rules.timezone),
  };
  if (isFutures && isFuturesWeekend(now)) {
    return deny(
      'OUTSIDE_TRADING_WINDOW',
      'Futures markets are closed for the weekend (Fri 17:00 to Sun 18:00 ET)',
      {
        ...details,
        weekend_close: true,
        weekend_local_time: localTime(now, FUTURES_WEEKEND_ZONE),
      },
    );
  }
  if (isWithinWindow(window, now, rules.timezone)) return null;
  return deny(
    'OUTSIDE_TRADING_WINDOW',
    `Outside the firm's trading window ${window.text} (${rules.timezone})`,
    {
      ...details,
      weekend_close: false,
    },
  );
}
