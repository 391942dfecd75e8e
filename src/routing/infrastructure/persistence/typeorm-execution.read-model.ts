import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository, SelectQueryBuilder } from 'typeorm';
import {
  ExecutionReadModel,
  OrderFilter,
  OrderView,
  Page,
  QueueStats,
  SignalFeedFilter,
  SignalFeedPage,
  TaskDetailView,
  TaskFilter,
  TaskView,
} from '../../application/ports/execution-read-model.port';
import { ExecutionLogEntity } from './execution-log.entity';
import { ExecutionTaskEntity } from './execution-task.entity';
import { ExecutionMapper } from './execution.mapper';
import { OrderEntity } from './order.entity';

@Injectable()
export class TypeOrmExecutionReadModel extends ExecutionReadModel {
  constructor(
    @InjectRepository(ExecutionTaskEntity) private readonly tasks: Repository<ExecutionTaskEntity>,
    @InjectRepository(ExecutionLogEntity) private readonly logs: Repository<ExecutionLogEntity>,
    @InjectRepository(OrderEntity) private readonly orders: Repository<OrderEntity>,
  ) {
    super();
  }

  async queueStats(): Promise<QueueStats> {
    const [row] = (await this.tasks.query(
      `SELECT count(*)::int AS pending,
              COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest
         FROM execution_tasks WHERE status = 'PENDING'`,
    )) as { pending: number; oldest: number }[];
    return { pending: row.pending, oldestPendingSeconds: Math.max(0, row.oldest) };
  }

  async listTasks(f: TaskFilter): Promise<Page<TaskView>> {
    const q = filtered(this.tasks.createQueryBuilder('t'), f);
    if (f.tradeId) q.andWhere('t.trade_id = :tradeId', { tradeId: f.tradeId });
    const [rows, total] = await q.orderBy('t.id', 'DESC').take(f.limit).skip(f.offset).getManyAndCount();
    return { total, items: rows.map(ExecutionMapper.toTaskView) };
  }

  /** One page of tasks (one more read to know whether another page follows), then their latest results. */
  async signalFeed(f: SignalFeedFilter): Promise<SignalFeedPage> {
    const q = filtered(this.tasks.createQueryBuilder('t'), f);
    if (f.symbol) q.andWhere(`t.payload ->> 'symbol' = :symbol`, { symbol: f.symbol });
    if (f.until) q.andWhere('t.created_at < :until', { until: f.until });
    if (f.beforeId !== undefined) q.andWhere('t.id < :beforeId', { beforeId: f.beforeId });
    const rows = await q
      .orderBy('t.id', 'DESC')
      .limit(f.limit + 1)
      .getMany();
    const page = rows.slice(0, f.limit);
    const results = await this.latestResults(page.map((t) => t.id));
    return {
      items: page.map((t) => ExecutionMapper.toFeedEntry(t, results.get(t.id) ?? null)),
      nextBeforeId: rows.length > f.limit ? page[page.length - 1].id : null,
    };
  }

  private async latestResults(taskIds: number[]): Promise<Map<number, ExecutionLogEntity['responseBody']>> {
    if (taskIds.length === 0) return new Map();
    const logs = await this.logs.find({ where: { taskId: In(taskIds) }, order: { id: 'ASC' } });
    return new Map(logs.map((l) => [l.taskId, l.responseBody]));
  }

  async findTask(id: number): Promise<TaskDetailView | null> {
    const task = await this.tasks.findOneBy({ id });
    if (!task) return null;
    const log = await this.logs.findOne({ where: { taskId: id }, order: { id: 'DESC' } });
    return ExecutionMapper.toTaskDetail(task, log?.responseBody ?? null);
  }

  async listOrders(f: OrderFilter): Promise<Page<OrderView>> {
    const q = this.orders.createQueryBuilder('o');
    if (f.tradeId) q.andWhere('o.trade_id = :tradeId', { tradeId: f.tradeId });
    if (f.firmCode) q.andWhere('o.firm_code = :firmCode', { firmCode: f.firmCode });
    if (f.status) q.andWhere('o.status = :status', { status: f.status });
    if (f.taskId !== undefined) q.andWhere('o.task_id = :taskId', { taskId: f.taskId });
    if (f.accountId !== undefined) q.andWhere('o.account_id = :accountId', { accountId: f.accountId });
    if (f.outcome)
      q.andWhere('EXISTS (SELECT 1 FROM execution_tasks t WHERE t.id = o.task_id AND t.outcome = :outcome)', {
        outcome: f.outcome,
      });
    if (f.since) q.andWhere('o.created_at >= :since', { since: f.since });
    if (f.until) q.andWhere('o.created_at < :until', { until: f.until });
    if (f.sort === 'failed_first')
      q.addSelect(`CASE o.status WHEN 'FAILED' THEN 0 WHEN 'RETRY' THEN 1 ELSE 2 END`, 'failed_rank').orderBy(
        'failed_rank',
        'ASC',
      );
    const [rows, total] = await q
      .addOrderBy('o.id', 'DESC')
      .limit(f.limit)
      .offset(f.offset)
      .getManyAndCount();
    return { total, items: rows.map(ExecutionMapper.toOrderView) };
  }
}

type TaskConditions = Pick<TaskFilter, 'status' | 'since' | 'outcome' | 'accountId' | 'firmCode'>;

/** The conditions the task list and the signals feed share. */
function filtered(
  q: SelectQueryBuilder<ExecutionTaskEntity>,
  f: TaskConditions,
): SelectQueryBuilder<ExecutionTaskEntity> {
  if (f.status) q.andWhere('t.status = :status', { status: f.status });
  if (f.since) q.andWhere('t.created_at >= :since', { since: f.since });
  if (f.outcome) q.andWhere('t.outcome = :outcome', { outcome: f.outcome });
  if (f.accountId !== undefined) {
    q.andWhere(
      `(EXISTS (SELECT 1 FROM orders o WHERE o.task_id = t.id AND o.account_id = :account) OR EXISTS (
         SELECT 1 FROM execution_logs l WHERE l.task_id = t.id
           AND l.response_body -> 'risk_checks' @> jsonb_build_array(jsonb_build_object('account_id', CAST(:account AS int)))))`,
      { account: f.accountId },
    );
  }
  if (f.firmCode) {
    q.andWhere(
      `(t.payload -> 'firm_codes' @> jsonb_build_array(CAST(:firm AS text)) OR EXISTS (
         SELECT 1 FROM execution_logs l WHERE l.task_id = t.id
           AND l.response_body -> 'risk_checks' @> jsonb_build_array(jsonb_build_object('firm_code', CAST(:firm AS text)))))`,
      { firm: f.firmCode },
    );
  }
  return q;
}
