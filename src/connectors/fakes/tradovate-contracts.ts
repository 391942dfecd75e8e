import { Json, ok, Reply } from './http-fake';

const ROOTS = ['NQ', 'MNQ', 'ES', 'MES', 'YM', 'MYM', 'RTY', 'M2K', 'CL', 'MCL', 'GC', 'MGC'];

/** The Tradovate fake's contracts: each root's front two months, and any other name when first traded. */
export class TradovateContracts {
  private readonly ids = new Map<string, number>();

  constructor() {
    for (const root of ROOTS) for (const month of ['Z5', 'H6']) this.id(`${root}${month}`);
  }

  /** The contract's id, registering the name when it is new. */
  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = 3_000_000 + this.ids.size;
      this.ids.set(name, id);
    }
    return id;
  }

  nameOf(id: number): string | undefined {
    return [...this.ids].find(([, known]) => known === id)?.[0];
  }

  /** GET /contract/suggest: front month first (the contracts are registered in month order). */
  suggest(text: string, limit: number): Reply {
    const hits = [...this.ids].filter(([name]) => name.startsWith(text));
    return ok(hits.slice(0, limit).map(([name, id]) => contract(name, id)));
  }

  /** GET /contract/item?id=. */
  item(id: number): Reply {
    const name = this.nameOf(id);
    return name ? ok(contract(name, id)) : { status: 404, body: { errorText: `Contract ${id} not found` } };
  }

  /** GET /contract/find. */
  find(name: string): Reply {
    const id = this.ids.get(name);
    return id ? ok(contract(name, id)) : { status: 404, body: { errorText: `Contract ${name} not found` } };
  }
}

function contract(name: string, id: number): Json {
  return { id, name, contractMaturityId: id + 1, timestamp: new Date().toISOString() };
}
