import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LegacyFirmsController } from './api/legacy-firms.controller';
import { RegistryAdminController } from './api/registry-admin.controller';
import { RegistryImportController } from './api/registry-import.controller';
import { RegistryReadController } from './api/registry-read.controller';
import { BaselineSeeder } from './application/baseline-seeder.service';
import { CatalogueSource } from './application/ports/catalogue-source.port';
import { ProgramCatalog } from './application/ports/program-catalog.port';
import { RegistryQueries } from './application/ports/registry-queries.port';
import { RegistryStore } from './application/ports/registry-store.port';
import { RegistryAdminService } from './application/registry-admin.service';
import { RegistryImportService } from './application/registry-import.service';
import { RegistryReadService } from './application/registry-read.service';
import { RegistrySyncService } from './application/registry-sync.service';
import { CachedProgramCatalog } from './infrastructure/catalog/cached-program-catalog';
import { registryConfig } from './infrastructure/config/registry.config';
import { REGISTRY_ENTITIES } from './infrastructure/persistence/registry.mapper';
import { TypeOrmRegistryQueries } from './infrastructure/persistence/typeorm-registry.queries';
import { TypeOrmRegistryStore } from './infrastructure/persistence/typeorm-registry.store';
import { FileOrHttpCatalogueSource } from './infrastructure/sync/file-or-http-catalogue.source';
import { RegistrySyncScheduler } from './infrastructure/sync/registry-sync.scheduler';

/** Prop firms, programs and scaling rules (seed Stage 13). Other contexts read them through `ProgramCatalog`. */
@Module({
  imports: [ConfigModule.forFeature(registryConfig), TypeOrmModule.forFeature(REGISTRY_ENTITIES)],
  controllers: [
    RegistryReadController,
    RegistryAdminController,
    RegistryImportController,
    LegacyFirmsController,
  ],
  providers: [
    CachedProgramCatalog,
    { provide: ProgramCatalog, useExisting: CachedProgramCatalog },
    { provide: RegistryStore, useClass: TypeOrmRegistryStore },
    { provide: RegistryQueries, useClass: TypeOrmRegistryQueries },
    { provide: CatalogueSource, useClass: FileOrHttpCatalogueSource },
    BaselineSeeder,
    RegistryReadService,
    RegistryAdminService,
    RegistryImportService,
    RegistrySyncService,
    RegistrySyncScheduler,
  ],
  exports: [ProgramCatalog, RegistryImportService],
})
export class RegistryModule {}
