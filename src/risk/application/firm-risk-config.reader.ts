import { ConfigError } from '../../platform/config/config.error';
import type { FirmEnvReader } from '../../platform/config/firm-env.reader';
import type { FirmRiskRules } from '../domain/firm-risk-rules';
import { isValidZone, parseTradingWindow, TradingWindow } from '../domain/trading-window';

export const DEFAULT_FIRM_TIMEZONE = 'America/New_York';

const SUFFIXES = [
  '_MAX_POSITION_SIZE',
  '_MAX_RISK_PERCENT',
  '_MAX_DAILY_LOSS',
  '_TRADING_WINDOW',
  '_TIMEZONE',
  '_SUPPORTED_SYMBOLS',
  '_ENABLED',
];
// A firm code is one word (FTMO, TOPSTEP): `FTMO_1_MAX_RISK_PERCENT` is the sizing context's per-program variable.
const FIRM_VARIABLE = new RegExp(`^([A-Z][A-Z0-9]*)(${SUFFIXES.join('|')})$`);

/**
 * The one reader of per-firm risk variables. Each firm is parsed once and cached: the values come
 * from env, fixed for the life of the process. Malformed values throw a ConfigError naming the variable.
 */
export class FirmRiskConfigReader {
  private readonly cache = new Map<string, FirmRiskRules>();

  constructor(
    private readonly env: FirmEnvReader,
    private readonly normalizeSymbol: (symbol: string) => string | null,
  ) {}

  /** Parses every per-firm risk variable that is set, so a bad one stops start-up. */
  validateAll(): void {
    for (const name of this.env.namesMatching(FIRM_VARIABLE)) {
      this.rulesFor((FIRM_VARIABLE.exec(name) as RegExpExecArray)[1]);
    }
  }

  rulesFor(firmCode: string): FirmRiskRules {
    const code = firmCode.toUpperCase();
    let rules = this.cache.get(code);
    if (!rules) {
      rules = this.read(code);
      this.cache.set(code, rules);
    }
    return rules;
  }

  private read(code: string): FirmRiskRules {
    const v = (suffix: string) => `${code}${suffix}`;
    const maxRiskPercent = this.env.decimal(v('_MAX_RISK_PERCENT'), { positive: true }) ?? null;
    if (maxRiskPercent?.gt(1)) {
      throw new ConfigError(
        `${v('_MAX_RISK_PERCENT')} must be a fraction up to 1 (0.01 = 1 %), got ${maxRiskPercent}`,
      );
    }
    return {
      enabled: this.env.bool(v('_ENABLED'), false),
      maxPositionSize: this.env.int(v('_MAX_POSITION_SIZE'), { min: 1 }) ?? null,
      maxRiskPercent,
      maxDailyLoss: this.env.decimal(v('_MAX_DAILY_LOSS'), { positive: true }) ?? null,
      tradingWindow: this.window(v('_TRADING_WINDOW')),
      timezone: this.timezone(v('_TIMEZONE')),
      supportedSymbols: this.symbols(v('_SUPPORTED_SYMBOLS')),
    };
  }

  private window(name: string): TradingWindow | null {
    const raw = this.env.string(name);
    if (raw === undefined) return null;
    const window = parseTradingWindow(raw);
    if (!window)
      throw new ConfigError(`${name} must be HH:MM-HH:MM (24-hour, e.g. 18:00-16:59), got "${raw}"`);
    return window;
  }

  private timezone(name: string): string {
    const zone = this.env.string(name) ?? DEFAULT_FIRM_TIMEZONE;
    if (!isValidZone(zone))
      throw new ConfigError(`${name} must be an IANA time zone (e.g. America/New_York), got "${zone}"`);
    return zone;
  }

  private symbols(name: string): string[] | null {
    const list = this.env.list(name);
    if (list === undefined) return null;
    if (list.length === 0) throw new ConfigError(`${name} must list at least one symbol, e.g. NQ,ES`);
    return list.map((s) => this.normalizeSymbol(s) ?? s.toUpperCase());
  }
}
