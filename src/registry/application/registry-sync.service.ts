import { Injectable } from '@nestjs/common';
import { AppError } from '../../platform/errors/app-error';
import type { ImportReport } from '../domain/import-records';
import { CatalogueSource } from './ports/catalogue-source.port';
import { RegistryImportService } from './registry-import.service';

export interface SyncReport extends ImportReport {
  source: string;
}

const SYNC_ACTOR = 'system:sync';

/**
 * Seed Stage 13's `refresh_from_external_sources`, made real: read the catalogue at its source
 * (REGISTRY_SYNC_SOURCE), run it through the importer and stamp `last_synced_at` on the firms it covers.
 * On demand (admin API) and, with REGISTRY_SYNC_INTERVAL_MS, on a schedule (RegistrySyncScheduler).
 */
@Injectable()
export class RegistrySyncService {
  constructor(
    private readonly imports: RegistryImportService,
    private readonly source: CatalogueSource,
  ) {}

  async sync(opts: { dryRun: boolean; actor?: string }): Promise<SyncReport> {
    const source = this.source.location();
    if (!source)
      throw AppError.conflict('No sync source: set REGISTRY_SYNC_SOURCE to a catalogue file path or URL');
    const { format, body } = await this.source.read();
    const records = this.imports.parse(format, body);
    const report = await this.imports.run(records, {
      dryRun: opts.dryRun,
      actor: opts.actor ?? SYNC_ACTOR,
      mode: 'sync',
    });
    return { source, ...report };
  }
}
