import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BaselineSeeder } from './application/baseline-seeder.service';
import { ProgramCatalog } from './application/ports/program-catalog.port';
import { RegistryStore } from './application/ports/registry-store.port';
import { CachedProgramCatalog } from './infrastructure/catalog/cached-program-catalog';
import { registryConfig } from './infrastructure/config/registry.config';
import { REGISTRY_ENTITIES } from './infrastructure/persistence/registry.mapper';
import { TypeormRegistryStore } from './infrastructure/persistence/typeorm-registry.store';

/** Prop firms, programs and scaling rules (seed Stage 13). Other contexts read them through `ProgramCatalog`. */
@Module({
  imports: [ConfigModule.forFeature(registryConfig), TypeOrmModule.forFeature(REGISTRY_ENTITIES)],
  providers: [
    CachedProgramCatalog,
    { provide: ProgramCatalog, useExisting: CachedProgramCatalog },
    { provide: RegistryStore, useClass: TypeormRegistryStore },
    BaselineSeeder,
  ],
  exports: [ProgramCatalog],
})
export class RegistryModule {}
