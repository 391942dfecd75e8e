import type { ProgramCatalog } from '../../registry/application/ports/program-catalog.port';
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
