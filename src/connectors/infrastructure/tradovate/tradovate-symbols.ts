import type { Clock } from '../../../platform/time/clock';
import type { ContractCatalog } from '../../../sizing/application/ports/contract-catalog.port';
import { ConnectorError } from '../../domain/connector-errors';
import { SingleFlight } from '../single-flight';
import type { TradovateApi } from './tradovate-api';
import type { TradovateContract } from './tradovate.types';

/** How long a resolved front month is trusted before asking again (it changes only at the quarterly roll). */
const FRONT_MONTH_TTL_MS = 60 * 60 * 1000;
const SUGGESTIONS = 10;

/**
 * A symbol that names a month (`NQZ5`, `NQZ25`, `CME_MINI:NQZ2025`) as Tradovate spells it (`NQZ5`: root,
 * month code, last digit of the year); null for a continuous or bare symbol (`NQ1!`, `NQ`).
 */
export function explicitContractName(symbol: string, root: string): string | null {
  const bare = symbol
    .trim()
    .toUpperCase()
    .replace(/^[A-Z0-9_]+:/, '');
  const match = new RegExp(`^${root}([FGHJKMNQUVXZ])(\\d{1,4})$`).exec(bare);
  return match ? `${root}${match[1]}${match[2].slice(-1)}` : null;
}

/**
 * Turns a signal's symbol into the Tradovate contract name the order endpoints need, and a contract name
 * into its id (positions and liquidation use ids). A continuous TradingView symbol is resolved to the front
 * month with `/contract/suggest?t=ROOT&l=N`: Tradovate lists the nearest maturity of a root first (as its
 * own symbol search does), and we keep the first suggestion whose name is exactly root + month + year, so
 * that `NQ` never picks `MNQ` or `NQM` (E-mini crude). Resolutions are cached per root for an hour.
 */
export class TradovateSymbols {
  private readonly frontMonths = new Map<string, { name: string; until: number }>();
  private readonly ids = new Map<string, number>();
  private readonly names = new Map<number, string>();
  /** One `/contract/suggest` per root at a time: a burst's first orders share it. */
  private readonly suggestions = new SingleFlight<string>();

  constructor(
    private readonly api: TradovateApi,
    private readonly contracts: ContractCatalog,
    private readonly clock: Clock,
  ) {}

  root(symbol: string): string {
    const root = this.contracts.normalize(symbol);
    if (!root) throw ConnectorError.rejected(`Tradovate: unsupported symbol "${symbol}"`);
    return root;
  }

  async contractName(symbol: string): Promise<string> {
    const root = this.root(symbol);
    const explicit = explicitContractName(symbol, root);
    if (explicit) return explicit;
    const cached = this.frontMonths.get(root);
    if (cached && this.clock.now().getTime() < cached.until) return cached.name;
    return this.suggestions.run(root, () => this.frontMonth(root));
  }

  /** The front month of `root` from `/contract/suggest`, kept for an hour. */
  private async frontMonth(root: string): Promise<string> {
    const suggestions = await this.api.list<TradovateContract>('/contract/suggest', {
      t: root,
      l: SUGGESTIONS,
    });
    const front = suggestions.find((c) => explicitContractName(c.name, root) === c.name);
    if (!front)
      throw ConnectorError.rejected(`Tradovate: no contract found for ${root}`, { rawResponse: suggestions });
    this.frontMonths.set(root, { name: front.name, until: this.clock.now().getTime() + FRONT_MONTH_TTL_MS });
    if (front.id !== undefined) this.ids.set(front.name, front.id);
    return front.name;
  }

  async contractId(name: string): Promise<number> {
    const cached = this.ids.get(name);
    if (cached !== undefined) return cached;
    const contract = await this.api.get<TradovateContract | null>('/contract/find', { name });
    if (!contract || typeof contract.id !== 'number') {
      throw ConnectorError.rejected(`Tradovate: unknown contract ${name}`, { rawResponse: contract });
    }
    this.ids.set(name, contract.id);
    return contract.id;
  }

  /** A contract id's name (`/contract/item?id=`), cached: positions and fills name contracts by id. */
  async contractNameOf(id: number): Promise<string> {
    const cached = this.names.get(id);
    if (cached !== undefined) return cached;
    const contract = await this.api.get<TradovateContract | null>('/contract/item', { id });
    if (!contract || typeof contract.name !== 'string') {
      throw ConnectorError.transient(`Tradovate: contract ${id} could not be resolved`, {
        rawResponse: contract,
      });
    }
    this.names.set(id, contract.name);
    this.ids.set(contract.name, id);
    return contract.name;
  }
}
