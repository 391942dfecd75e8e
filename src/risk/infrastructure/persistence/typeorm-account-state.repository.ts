import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { AccountState } from '../../domain/account-state';
import {
  AccountKey,
  AccountStatePage,
  AccountStateRepository,
  keyOf,
} from '../../application/ports/account-state.repository.port';
import { AccountStateEntity } from './account-state.entity';
import { AccountStateMapper } from './account-state.mapper';

@Injectable()
export class TypeOrmAccountStateRepository extends AccountStateRepository {
  constructor(
    @InjectRepository(AccountStateEntity) private readonly repo: Repository<AccountStateEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async findMany(keys: AccountKey[]): Promise<AccountState[]> {
    if (keys.length === 0) return [];
    const wanted = new Set(keys.map(keyOf));
    const rows = await this.repo
      .createQueryBuilder('s')
      .where('s.program_id = ANY(:ids)', { ids: [...new Set(keys.map((k) => k.programId))] })
      .andWhere('s.firm_code = ANY(:codes)', { codes: [...new Set(keys.map((k) => k.firmCode))] })
      .andWhere('s.account_id = ANY(:accounts)', { accounts: [...new Set(keys.map((k) => k.accountId))] })
      .getMany();
    return rows.filter((r) => wanted.has(keyOf(r))).map(AccountStateMapper.toDomain);
  }

  async find(key: AccountKey): Promise<AccountState | null> {
    const row = await this.repo.findOneBy(where(key));
    return row ? AccountStateMapper.toDomain(row) : null;
  }

  async list(limit: number, offset: number): Promise<AccountStatePage> {
    const [rows, total] = await this.repo.findAndCount({
      order: { firmCode: 'ASC', programId: 'ASC', accountId: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { total, items: rows.map(AccountStateMapper.toDomain) };
  }

  update<T extends { state: AccountState }>(
    key: AccountKey,
    fresh: AccountState,
    change: (current: AccountState) => T,
  ): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(AccountStateEntity);
      await repo
        .createQueryBuilder()
        .insert()
        .values(AccountStateMapper.toEntity({ ...fresh, ...where(key) }))
        .orIgnore()
        .execute();
      const row = await repo.findOne({ where: where(key), lock: { mode: 'pessimistic_write' } });
      if (!row) throw new Error(`account state ${keyOf(key)} vanished inside its transaction`);
      const out = change(AccountStateMapper.toDomain(row));
      // the key is the row's, whatever `change` returned: a state never moves to another account
      const {
        firmCode: _f,
        programId: _p,
        accountId: _a,
        ...values
      } = AccountStateMapper.toEntity(out.state);
      await repo.update(where(key), values);
      return out;
    });
  }
}

const where = (k: AccountKey) => ({ firmCode: k.firmCode, programId: k.programId, accountId: k.accountId });
