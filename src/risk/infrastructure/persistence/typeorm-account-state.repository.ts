import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { LiveEvents } from '../../../platform/live/live-events';
import { AccountState, FIRM_LEVEL_ACCOUNT } from '../../domain/account-state';
import {
  AccountFillRecord,
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
    private readonly live: LiveEvents,
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

  async confirmedAt(accountIds: number[]): Promise<Map<number, Date>> {
    if (accountIds.length === 0) return new Map();
    const rows = await this.repo
      .createQueryBuilder('s')
      .select('s.account_id', 'account_id')
      .addSelect('min(s.confirmed_at)', 'confirmed_at')
      .where('s.account_id = ANY(:ids)', { ids: [...new Set(accountIds)] })
      .andWhere(`s.source = 'platform' AND s.confirmed_at IS NOT NULL`)
      .groupBy('s.account_id')
      .getRawMany<{ account_id: number; confirmed_at: Date }>();
    return new Map(rows.map((r) => [Number(r.account_id), new Date(r.confirmed_at)]));
  }

  update<T extends { state: AccountState }>(
    key: AccountKey,
    fresh: AccountState,
    change: (current: AccountState) => T,
  ): Promise<T> {
    const out = this.dataSource.transaction(async (m) => {
      const current = await lockRow(m, key, fresh);
      const out = change(current);
      await store(m, key, out.state);
      return out;
    });
    return out.then((o) => (this.announce(key), o));
  }

  updateWithFills<T extends { state: AccountState }>(
    key: AccountKey,
    fresh: AccountState,
    fills: AccountFillRecord[],
    change: (current: AccountState, newFillIds: ReadonlySet<string>) => T,
  ): Promise<T> {
    const out = this.dataSource.transaction(async (m) => {
      const current = await lockRow(m, key, fresh);
      const fresher = await insertFills(m, key.accountId, fills);
      const out = change(current, fresher);
      await store(m, key, out.state);
      return out;
    });
    return out.then((o) => (this.announce(key), o));
  }

  /** account.updated once committed; a state changing many times a second is sent a few times a second. */
  private announce(key: AccountKey): void {
    const accountId = key.accountId === FIRM_LEVEL_ACCOUNT ? null : key.accountId;
    this.live.publish('account.updated', { account_id: accountId, change: 'state' }, `account:${keyOf(key)}`);
  }
}

/** The row, created from `fresh` when missing, locked until the transaction ends. */
async function lockRow(m: EntityManager, key: AccountKey, fresh: AccountState): Promise<AccountState> {
  const repo = m.getRepository(AccountStateEntity);
  await repo
    .createQueryBuilder()
    .insert()
    .values(AccountStateMapper.toEntity({ ...fresh, ...where(key) }))
    .orIgnore()
    .execute();
  const row = await repo.findOne({ where: where(key), lock: { mode: 'pessimistic_write' } });
  if (!row) throw new Error(`account state ${keyOf(key)} vanished inside its transaction`);
  return AccountStateMapper.toDomain(row);
}

async function store(m: EntityManager, key: AccountKey, state: AccountState): Promise<void> {
  // the key is the row's, whatever `change` returned: a state never moves to another account
  const { firmCode: _f, programId: _p, accountId: _a, ...values } = AccountStateMapper.toEntity(state);
  await m.getRepository(AccountStateEntity).update(where(key), values);
}

/** Inserts the fills in one statement; an id already recorded is skipped. Returns the ids that were new. */
async function insertFills(
  m: EntityManager,
  accountId: number,
  fills: AccountFillRecord[],
): Promise<Set<string>> {
  if (fills.length === 0) return new Set();
  const rows: { fill_id: string }[] = await m.query(
    `INSERT INTO account_fills (account_id, fill_id, order_id, client_order_id, symbol, side, quantity, price, filled_at)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::numeric[],
                              $9::timestamptz[])
     ON CONFLICT (account_id, fill_id) DO NOTHING
     RETURNING fill_id`,
    [
      accountId,
      fills.map((f) => f.fillId),
      fills.map((f) => f.orderId),
      fills.map((f) => f.clientOrderId),
      fills.map((f) => f.symbol),
      fills.map((f) => f.side),
      fills.map((f) => f.quantity),
      fills.map((f) => f.price),
      fills.map((f) => f.filledAt.toISOString()),
    ],
  );
  return new Set(rows.map((r) => r.fill_id));
}

const where = (k: AccountKey) => ({ firmCode: k.firmCode, programId: k.programId, accountId: k.accountId });
