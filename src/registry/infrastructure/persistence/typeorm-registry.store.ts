import { Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RegistryStore, RegistryTx } from '../../application/ports/registry-store.port';
import { CachedProgramCatalog } from '../catalog/cached-program-catalog';
import { TypeOrmRegistryTx } from './typeorm-registry.tx';

/** pg_advisory_xact_lock key shared by every registry writer (admin API, import, sync, start-up seed). */
export const REGISTRY_WRITE_LOCK = 4_711_013;

@Injectable()
export class TypeOrmRegistryStore extends RegistryStore {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly catalog?: CachedProgramCatalog,
  ) {
    super();
  }

  async transaction<T>(work: (tx: RegistryTx) => Promise<T>, opts: { rollback?: boolean } = {}): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query('SELECT pg_advisory_xact_lock($1)', [REGISTRY_WRITE_LOCK]);
      const result = await work(new TypeOrmRegistryTx(runner.manager));
      if (opts.rollback) {
        await runner.rollbackTransaction();
      } else {
        await runner.commitTransaction();
        this.catalog?.invalidate();
      }
      return result;
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw err;
    } finally {
      await runner.release();
    }
  }
}
