import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThan, Repository } from 'typeorm';
import { LiveEvents } from '../../../platform/live/live-events';
import {
  ExpiredHalt,
  HaltEndCursor,
  HaltPage,
  HaltRepository,
  NewHalt,
} from '../../application/ports/halt.repository.port';
import type { TradingHalt } from '../../domain/trading-halt';
import { TradingHaltEntity } from './trading-halt.entity';

const toDomain = (e: TradingHaltEntity): TradingHalt => ({
  id: e.id,
  firmCode: e.firmCode,
  accountId: e.accountId,
  reason: e.reason,
  createdBy: e.createdBy,
  createdAt: e.createdAt,
  expiresAt: e.expiresAt,
  clearedBy: e.clearedBy,
  clearedAt: e.clearedAt,
});

@Injectable()
export class TypeOrmHaltRepository extends HaltRepository {
  constructor(
    @InjectRepository(TradingHaltEntity) private readonly repo: Repository<TradingHaltEntity>,
    private readonly live: LiveEvents,
  ) {
    super();
  }

  async create(halt: NewHalt): Promise<TradingHalt> {
    const saved = await this.repo.save(
      this.repo.create({
        ...halt,
        accountId: halt.accountId ?? null,
        expiresAt: halt.expiresAt ?? null,
        clearedBy: null,
        clearedAt: null,
      }),
    );
    const created = toDomain(saved);
    this.announce('halt.set', created, created.createdBy);
    return created;
  }

  async find(id: number): Promise<TradingHalt | null> {
    const row = await this.repo.findOneBy({ id });
    return row ? toDomain(row) : null;
  }

  async list(opts: { activeOnly: boolean; limit: number; offset: number; now?: Date }): Promise<HaltPage> {
    const now = opts.now ?? new Date();
    const active = [
      { clearedAt: IsNull(), expiresAt: IsNull() },
      { clearedAt: IsNull(), expiresAt: MoreThan(now) },
    ];
    const [rows, total] = await this.repo.findAndCount({
      where: opts.activeOnly ? active : {},
      order: { id: 'DESC' },
      take: opts.limit,
      skip: opts.offset,
    });
    return { total, items: rows.map(toDomain) };
  }

  async expiredBetween(after: HaltEndCursor, to: Date, limit: number): Promise<ExpiredHalt[]> {
    const rows = await this.repo
      .createQueryBuilder('h')
      .leftJoin('trading_accounts', 'a', 'a.id = h.account_id')
      .addSelect('a.label', 'account_label')
      .where(
        'h.cleared_at IS NULL AND (h.expires_at, h.id::bigint) > (:at::timestamptz, :id::bigint) AND h.expires_at <= :to',
        {
          at: after.at,
          id: after.id,
          to,
        },
      )
      .orderBy('h.expires_at')
      .addOrderBy('h.id')
      .limit(limit)
      .getRawAndEntities();
    return rows.entities.map((e, i) => ({
      ...toDomain(e),
      expiresAt: e.expiresAt!,
      accountLabel: (rows.raw[i] as { account_label: string | null }).account_label,
    }));
  }

  async clear(id: number, clearedBy: string, clearedAt: Date): Promise<TradingHalt | null> {
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ clearedBy, clearedAt })
      .where('id = :id AND cleared_at IS NULL', { id })
      .execute();
    const halt = result.affected ? await this.find(id) : null;
    if (halt) this.announce('halt.cleared', halt, clearedBy);
    return halt;
  }

  private announce(type: 'halt.set' | 'halt.cleared', h: TradingHalt, by: string): void {
    const data = { halt_id: h.id, firm_code: h.firmCode, account_id: h.accountId, reason: h.reason, by };
    this.live.publish(type, data);
  }
}
