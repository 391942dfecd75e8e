import { Injectable } from '@nestjs/common';
import { specForRoot } from '../../domain/contract-specs';
import { normalizeSymbol } from '../../domain/symbol-normalizer';
import { ContractCatalog, ContractSpec } from '../../application/ports/contract-catalog.port';

/** The contract catalogue backed by the built-in CME spec table. */
@Injectable()
export class SpecTableContractCatalog extends ContractCatalog {
  normalize(symbol: string): string | null {
    return normalizeSymbol(symbol);
  }

  spec(symbolOrRoot: string): ContractSpec | null {
    const root = normalizeSymbol(symbolOrRoot);
    const spec = root === null ? null : specForRoot(root);
    return spec ? { ...spec } : null;
  }
}
