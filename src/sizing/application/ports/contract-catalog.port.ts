/** A futures root's contract spec: point value in USD per point, tick size in points. */
export interface ContractSpec {
  root: string;
  pointValue: number;
  tickSize: number;
  description: string;
  /** A micro contract (MNQ, MES, …); absent: not a micro. */
  micro?: boolean;
}

/** Symbol normalization and contract specs, shared with risk and connectors. */
export abstract class ContractCatalog {
  /** `NQ1!`, `CME_MINI:NQ1!`, `NQZ2025`, `NQZ5`, `MNQH26`, `nq` → `NQ`/`MNQ`; unknown → null. */
  abstract normalize(symbol: string): string | null;
  abstract spec(symbolOrRoot: string): ContractSpec | null;
}
