import type { ImportFormat } from '../registry-import.service';

/** The catalogue as read from its source, ready for the importer's parser. */
export interface CatalogueDocument {
  format: ImportFormat;
  body: string;
}

/** Where the registry sync reads the firms catalogue from (a file or an http(s) URL). */
export abstract class CatalogueSource {
  /** The source's path or URL; null when none is configured (sync is off). */
  abstract location(): string | null;
  /** Reads the catalogue; throws an UNAVAILABLE AppError naming the source when it cannot be read. */
  abstract read(): Promise<CatalogueDocument>;
}
