import { Injectable } from '@nestjs/common';
import { AppError } from '../../platform/errors/app-error';
import { Clock } from '../../platform/time/clock';
import { ProgramCatalog } from '../../registry/application/ports/program-catalog.port';
import type { TradingHalt } from '../domain/trading-halt';
import { HaltPage, HaltRepository } from './ports/halt.repository.port';

/** The kill switch: halts are stored, never cached, so the next check sees them. */
@Injectable()
export class HaltService {
  constructor(
    private readonly repo: HaltRepository,
    private readonly catalog: ProgramCatalog,
    private readonly clock: Clock,
  ) {}

  /** `firmCode` null or absent halts every firm. */
  async halt(firmCode: string | null, reason: string, by: string): Promise<TradingHalt> {
    const code = firmCode ? firmCode.toUpperCase() : null;
    if (code !== null && !(await this.catalog.findFirmByCode(code))) {
      throw AppError.validation([`firm_code: no firm "${code}" in the registry`]);
    }
    return this.repo.create({ firmCode: code, reason, createdBy: by, createdAt: this.clock.now() });
  }

  list(activeOnly: boolean, limit: number, offset: number): Promise<HaltPage> {
    return this.repo.list({ activeOnly, limit, offset });
  }

  async clear(id: number, by: string): Promise<TradingHalt> {
    const halt = await this.repo.find(id);
    if (!halt) throw AppError.notFound(`Halt ${id}`);
    const cleared = halt.clearedAt ? null : await this.repo.clear(id, by, this.clock.now());
    if (!cleared) throw AppError.conflict(`Halt ${id} was already cleared`);
    return cleared;
  }
}
