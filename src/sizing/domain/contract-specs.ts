/** A futures root's contract spec: USD per full point of price, and the minimum price increment. */
export interface FuturesSpec {
  root: string;
  pointValue: number;
  tickSize: number;
  description: string;
  /** A micro contract (a tenth of its mini, or less): firms that count micros as a fraction of a mini use it. */
  micro: boolean;
}

const spec = (root: string, pointValue: number, tickSize: number, description: string): FuturesSpec => ({
  root,
  pointValue,
  tickSize,
  description,
  micro: description.startsWith('Micro'),
});

/** CME Group contract specifications (multiplier per point, minimum tick), minis and their micros. */
export const FUTURES_SPECS: readonly FuturesSpec[] = [
  spec('NQ', 20, 0.25, 'E-mini Nasdaq-100'),
  spec('MNQ', 2, 0.25, 'Micro E-mini Nasdaq-100'),
  spec('ES', 50, 0.25, 'E-mini S&P 500'),
  spec('MES', 5, 0.25, 'Micro E-mini S&P 500'),
  spec('YM', 5, 1, 'E-mini Dow ($5)'),
  spec('MYM', 0.5, 1, 'Micro E-mini Dow'),
  spec('RTY', 50, 0.1, 'E-mini Russell 2000'),
  spec('M2K', 5, 0.1, 'Micro E-mini Russell 2000'),
  spec('CL', 1000, 0.01, 'Crude Oil (WTI)'),
  spec('MCL', 100, 0.01, 'Micro WTI Crude Oil'),
  spec('NG', 10000, 0.001, 'Henry Hub Natural Gas'),
  spec('GC', 100, 0.1, 'Gold'),
  spec('MGC', 10, 0.1, 'Micro Gold'),
  spec('SI', 5000, 0.005, 'Silver'),
  spec('SIL', 1000, 0.005, 'Micro Silver (1,000 oz)'),
  spec('HG', 25000, 0.0005, 'Copper'),
  spec('6E', 125000, 0.00005, 'Euro FX'),
  spec('M6E', 12500, 0.0001, 'Micro EUR/USD'),
  spec('6B', 62500, 0.0001, 'British Pound'),
  spec('ZB', 1000, 0.03125, 'U.S. Treasury Bond (1/32 tick)'),
  spec('ZN', 1000, 0.015625, '10-Year T-Note (1/64 tick)'),
  spec('ZF', 1000, 0.0078125, '5-Year T-Note (1/128 tick)'),
];

const BY_ROOT: ReadonlyMap<string, FuturesSpec> = new Map(FUTURES_SPECS.map((s) => [s.root, s]));

/** Longest roots first, so `MNQH26` is read as MNQ + H26 and never as a shorter root plus garbage. */
export const ROOTS_LONGEST_FIRST: readonly string[] = [...BY_ROOT.keys()].sort((a, b) => b.length - a.length);

export function specForRoot(root: string): FuturesSpec | null {
  return BY_ROOT.get(root) ?? null;
}
