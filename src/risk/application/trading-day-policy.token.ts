/** DI token for the domain's `TradingDayPolicy` (a plain value built from the risk config). */
export const TRADING_DAY_POLICY = Symbol('TRADING_DAY_POLICY');
