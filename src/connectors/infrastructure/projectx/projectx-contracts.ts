import type { Clock } from '../../../platform/time/clock';
import type { ContractCatalog } from '../../../sizing/application/ports/contract-catalog.port';
import { ConnectorError } from '../../domain/connector-errors';
import { SingleFlight } from '../single-flight';
import type { ProjectXApi } from './projectx-api';
import type { ProjectXContract, ProjectXContractSearchResponse, ProjectXEnvelope } from './projectx.types';

/** Search results are trusted this long, so that the quarterly roll is picked up without a restart. */
const CACHE_TTL_MS = 60 * 60 * 1000;
/** ProjectX product codes that differ from the CME root, as seen in the docs (ENQ, EP) and clients (GCE). */
const PRODUCT_ALIASES: Record<string, string[]> = { NQ: ['ENQ'], ES: ['EP'], GC: ['GCE'] };

/** Whether a search hit is a contract of `root` (`NQ` must not match `MNQ`, or `NQG` natural gas). */
export function isContractOf(contract: ProjectXContract, root: string): boolean {
  const nameRoot = contract.name.toUpperCase().replace(/[FGHJKMNQUVXZ]\d{1,2}$/, '');
  const product = contract.id.split('.')[3] ?? '';
  return nameRoot === root || product === root || (PRODUCT_ALIASES[root] ?? []).includes(product);
}

/** Month code and last year digit of a symbol that names a month (`NQZ5`, `NQZ25`, `CME_MINI:NQZ2025`). */
export function requestedMonth(symbol: string, root: string): string | null {
  const bare = symbol
    .trim()
    .toUpperCase()
    .replace(/^[A-Z0-9_]+:/, '');
  const match = new RegExp(`^${root}([FGHJKMNQUVXZ])(\\d{1,4})$`).exec(bare);
  return match ? `${match[1]}${match[2].slice(-1)}` : null;
}

/** Month code and last year digit of a contract id (`CON.F.US.ENQ.H25` → `H5`). */
function contractMonth(contract: ProjectXContract): string {
  const expiry = contract.id.split('.').pop() ?? '';
  return `${expiry.charAt(0)}${expiry.slice(-1)}`;
}

/**
 * Resolves a signal's symbol to a ProjectX contract with `/api/Contract/search` ({searchText: root, live}),
 * one search per root and hour: the active contract (`activeContract`), or the named month when the symbol
 * names one. The contract's own `tickSize` is what bracket ticks are computed with.
 */
export class ProjectXContracts {
  private readonly cache = new Map<string, { contracts: ProjectXContract[]; until: number }>();
  private readonly byIds = new Map<string, ProjectXContract>();
  /** One search per root at a time: a burst's first orders share it. */
  private readonly searches = new SingleFlight<ProjectXContract[]>();

  constructor(
    private readonly api: ProjectXApi,
    private readonly catalog: ContractCatalog,
    private readonly clock: Clock,
    private readonly live: boolean,
  ) {}

  async resolve(symbol: string): Promise<ProjectXContract> {
    const root = this.catalog.normalize(symbol);
    if (!root) throw ConnectorError.rejected(`ProjectX: unsupported symbol "${symbol}"`);
    const candidates = await this.search(root);
    const month = requestedMonth(symbol, root);
    const chosen = month
      ? candidates.find((c) => contractMonth(c) === month)
      : candidates.find((c) => c.activeContract);
    if (!chosen)
      throw ConnectorError.rejected(
        `ProjectX: no ${month ? `${root} ${month}` : 'active'} contract for ${symbol}`,
      );
    return chosen;
  }

  /** A contract id's name (`CON.F.US.ENQ.Z25` → `NQZ5`). */
  async nameOf(contractId: string): Promise<string> {
    return (await this.byId(contractId)).name;
  }

  /** A contract (its name, tick size and tick value) by id: from a search already made, else `searchById`. */
  async byId(contractId: string): Promise<ProjectXContract> {
    const known = this.byIds.get(contractId) ?? this.searched().find((c) => c.id === contractId);
    if (known) return known;
    const res = await this.api.post<ProjectXEnvelope & { contract?: ProjectXContract | null }>(
      '/api/Contract/searchById',
      { contractId, live: this.live },
      false,
    );
    const contract = res.contract;
    if (!contract?.name)
      throw ConnectorError.transient(`ProjectX: contract ${contractId} could not be resolved`);
    this.byIds.set(contractId, contract);
    return contract;
  }

  /** The id of a contract this login has resolved by name or id (null: none). */
  idOf(name: string): string | null {
    const all = [...this.byIds.values(), ...this.searched()];
    return all.find((c) => c.name === name)?.id ?? null;
  }

  private searched(): ProjectXContract[] {
    return [...this.cache.values()].flatMap((c) => c.contracts);
  }

  private search(root: string): Promise<ProjectXContract[]> {
    const cached = this.cache.get(root);
    if (cached && this.clock.now().getTime() < cached.until) return Promise.resolve(cached.contracts);
    return this.searches.run(root, () => this.searchNow(root));
  }

  private async searchNow(root: string): Promise<ProjectXContract[]> {
    const res = await this.api.post<ProjectXContractSearchResponse>(
      '/api/Contract/search',
      { searchText: root, live: this.live },
      false,
    );
    const contracts = (res.contracts ?? []).filter((c) => isContractOf(c, root));
    this.cache.set(root, { contracts, until: this.clock.now().getTime() + CACHE_TTL_MS });
    return contracts;
  }
}
