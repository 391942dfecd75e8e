import { Inject, Injectable } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { AppError } from '../../../platform/errors/app-error';
import type { ImportFormat } from '../../application/registry-import.service';
import { CatalogueDocument, CatalogueSource } from '../../application/ports/catalogue-source.port';
import { registryConfig, type RegistryConfig } from '../config/registry.config';

/**
 * REGISTRY_SYNC_SOURCE: a file path or an http(s) URL. CSV when the name ends in .csv or the server says
 * text/csv, JSON otherwise; an HTTP read gives up after REGISTRY_SYNC_TIMEOUT_MS.
 */
@Injectable()
export class FileOrHttpCatalogueSource extends CatalogueSource {
  constructor(@Inject(registryConfig.KEY) private readonly config: RegistryConfig) {
    super();
  }

  location(): string | null {
    return this.config.REGISTRY_SYNC_SOURCE ?? null;
  }

  async read(): Promise<CatalogueDocument> {
    const source = this.location();
    if (!source) throw new Error('No sync source configured');
    const byName: ImportFormat = /\.csv$/i.test(new URL(source, 'file:///').pathname) ? 'csv' : 'json';
    if (!/^https?:\/\//i.test(source)) return { format: byName, body: await readSourceFile(source) };
    const res = await this.get(source);
    const csv = byName === 'csv' || (res.headers.get('content-type') ?? '').includes('text/csv');
    return { format: csv ? 'csv' : 'json', body: await res.text() };
  }

  private async get(source: string): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(source, { signal: AbortSignal.timeout(this.config.REGISTRY_SYNC_TIMEOUT_MS) });
    } catch (err) {
      throw new AppError(
        'UNAVAILABLE',
        `Sync source ${source} is unreachable: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    if (!res.ok) throw new AppError('UNAVAILABLE', `Sync source ${source} answered HTTP ${res.status}`);
    return res;
  }
}

async function readSourceFile(source: string): Promise<string> {
  try {
    return await readFile(source, 'utf8');
  } catch (err) {
    throw new AppError(
      'UNAVAILABLE',
      `Sync source ${source} cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
}
