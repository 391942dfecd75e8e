import type { FirmRecord, ProgramCatalog } from '../../registry/application/ports/program-catalog.port';
import { CME_EQUITY_CALENDAR } from '../domain/cme-calendar';
import type { FlatBySchedule } from '../domain/flat-by';
import { firmTradingDayPolicy, TradingDayPolicy } from '../domain/trading-day';

/** The trading-day policy of a firm, from its registry record (the default when it states none or is unknown). */
export async function firmPolicy(
  catalog: ProgramCatalog,
  firmCode: string,
  fallback: TradingDayPolicy,
): Promise<TradingDayPolicy> {
  const firm = await catalog.findFirmByCode(firmCode.toUpperCase());
  return firmTradingDayPolicy(firm?.tradingDay, fallback);
}

/**
 * A firm's flat-by schedule from its registry record: its `flat_by`, its trading day (the session reopens at
 * its reset) and the CME equity calendar (the firms with a flat-by time trade CME futures); null without one.
 */
export function flatByScheduleOf(
  firm: Pick<FirmRecord, 'flatBy' | 'tradingDay'> | null,
  fallback: TradingDayPolicy,
): FlatBySchedule | null {
  if (!firm?.flatBy) return null;
  return {
    flatBy: firm.flatBy,
    day: firmTradingDayPolicy(firm.tradingDay, fallback),
    calendar: CME_EQUITY_CALENDAR,
  };
}
