import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { readFile } from 'node:fs/promises';
import { AppError } from '../../platform/errors/app-error';
import type { ImportReport } from '../domain/import-records';
import { registryConfig, type RegistryConfig } from '../infrastructure/config/registry.config';
import { ImportFormat, RegistryImportService } from './registry-import.service';

export interface SyncReport extends ImportReport {
  source: string;
}

const SYNC_ACTOR = 'system:sync';

/**
 * Seed Stage 13's `refresh_from_external_sources`, made real: read the catalogue at REGISTRY_SYNC_SOURCE
 * (a file or an http(s) URL, JSON or CSV), run it through the importer and stamp `last_synced_at` on the
 * firms it covers. On demand (admin API) and, with REGISTRY_SYNC_INTERVAL_MS, on a schedule.
 */
@Injectable()
export class RegistrySyncService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RegistrySyncService.name);

  constructor(
    private readonly imports: RegistryImportService,
    @Inject(registryConfig.KEY) private readonly config: RegistryConfig,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.REGISTRY_SYNC_INTERVAL_MS;
    if (every > 0)
      this.scheduler.addInterval(
        'registry-sync',
        setInterval(() => void this.scheduledSync(), every),
      );
  }

  async sync(opts: { dryRun: boolean; actor?: string }): Promise<SyncReport> {
    const source = this.config.REGISTRY_SYNC_SOURCE;
    if (!source)
      throw AppError.conflict('No sync source: set REGISTRY_SYNC_SOURCE to a catalogue file path or URL');
    const { format, body } = await this.fetch(source);
    const records = this.imports.parse(format, body);
    const report = await this.imports.run(records, {
      dryRun: opts.dryRun,
      actor: opts.actor ?? SYNC_ACTOR,
      mode: 'sync',
    });
    return { source, ...report };
  }

  private async scheduledSync(): Promise<void> {
    try {
      const r = await this.sync({ dryRun: false });
      this.logger.log(
        `Registry sync: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected`,
      );
    } catch (err) {
      this.logger.error(`Registry sync failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async fetch(source: string): Promise<{ format: ImportFormat; body: string }> {
    const byName: ImportFormat = /\.csv$/i.test(new URL(source, 'file:///').pathname) ? 'csv' : 'json';
    if (!/^https?:\/\//i.test(source)) {
      try {
        return { format: byName, body: await readFile(source, 'utf8') };
      } catch (err) {
        throw new AppError(
          'UNAVAILABLE',
          `Sync source ${source} cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
        );
      }
    }
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
    const csv = byName === 'csv' || (res.headers.get('content-type') ?? '').includes('text/csv');
    return { format: csv ? 'csv' : 'json', body: await res.text() };
  }
}
