import { Injectable } from '@nestjs/common';
import { specForRoot } from '../../domain/contract-specs';
import { normalizeSymbol } from '../../domain/symbol-normalizer';
import { ContractCatalog, ContractSpec } from '../../application/ports/contract-catalog.port';

/** Symbols remembered at most: alerts name a handful; anything beyond is a flood of made-up tickers. */
const MAX_REMEMBERED = 1024;

/**
 * The contract catalogue backed by the built-in CME spec table. The table is fixed, so a symbol's root is
 * worked out once and remembered: sizing and the risk gate ask for the same few symbols several times per
 * order.
 */
@Injectable()
export class SpecTableContractCatalog extends ContractCatalog {
  private readonly roots = new Map<string, string | null>();

  normalize(symbol: string): string | null {
    const known = this.roots.get(symbol);
    if (known !== undefined) return known;
    const root = normalizeSymbol(symbol);
    if (this.roots.size >= MAX_REMEMBERED) this.roots.clear();
    this.roots.set(symbol, root);
    return root;
  }

  spec(symbolOrRoot: string): ContractSpec | null {
    const root = this.normalize(symbolOrRoot);
    const spec = root === null ? null : specForRoot(root);
    return spec ? { ...spec } : null;
  }
}
