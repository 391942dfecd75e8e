import { Injectable } from '@nestjs/common';
import { PgSql } from '../../../platform/database/pg-sql';
import { LiveEvents } from '../../../platform/live/live-events';
import type { OrderOutcome } from '../../application/ports/order-store.port';
import { OrderRetryStore, RetryOrder } from '../../application/ports/order-retry.store.port';
import type { TaskResult } from '../../domain/task-result';

const SCHEDULE = `UPDATE orders SET next_attempt_at = now() + $2 * interval '1 millisecond', updated_at = now()
  WHERE client_order_id = ANY($1::text[]) AND status = 'RETRY'`;

// Due RETRY orders of finished tasks (a task still sending writes its result first) and of finished
// flattens (a flatten still running re-reads the account first), oldest due first; $4: only accounts on
// these platforms (null: all).
const CLAIM = `UPDATE orders o SET locked_by = $1, locked_until = now() + $2 * interval '1 millisecond'
  FROM (SELECT d.id FROM orders d
          LEFT JOIN execution_tasks t ON t.id = d.task_id
          LEFT JOIN account_flattens f ON f.id = d.flatten_id
        WHERE d.status = 'RETRY' AND d.next_attempt_at <= now() AND d.account_id IS NOT NULL
          AND (d.locked_until IS NULL OR d.locked_until < now())
          AND (t.status = 'COMPLETED' OR (d.task_id IS NULL AND f.outcome IS DISTINCT FROM 'RUNNING'))
          AND ($4::text[] IS NULL OR EXISTS (SELECT 1 FROM trading_accounts a
                JOIN platform_connections pc ON pc.id = a.connection_id
                WHERE a.id = d.account_id AND pc.platform = ANY($4::text[])))
        ORDER BY d.next_attempt_at LIMIT $3 FOR UPDATE OF d SKIP LOCKED) c
  WHERE o.id = c.id
  RETURNING o.client_order_id, o.task_id, o.flatten_id, o.account_id, o.account_label, o.firm_code, o.event_type,
    o.symbol, o.send_attempts, COALESCE(o.order_request, o.raw_request) AS request`;

const LATEST_LOG = `SELECT id, xmin::text AS version, response_body FROM execution_logs
  WHERE task_id = $1 ORDER BY id DESC LIMIT 1`;

// The log first, fenced by the row version read (a concurrent re-drive of the same task retries); the
// order and the task's outcome only when the log was written, all in one statement (one commit).
const SETTLE = `WITH l AS (
    UPDATE execution_logs SET response_body = $2::jsonb WHERE id = $3 AND xmin::text = $4 RETURNING id),
  o AS (
    UPDATE orders SET status = $6, external_order_id = COALESCE($7, external_order_id),
      raw_request = COALESCE($8::jsonb, raw_request), raw_response = $9::jsonb, error_message = $10,
      send_attempts = send_attempts + 1, locked_by = NULL, locked_until = NULL, updated_at = now(),
      next_attempt_at = CASE WHEN $11::int IS NULL THEN NULL ELSE now() + $11 * interval '1 millisecond' END
    WHERE client_order_id = $5 AND EXISTS (SELECT 1 FROM l) RETURNING task_id),
  t AS (UPDATE execution_tasks SET outcome = $12, updated_at = now() WHERE id = $1 AND EXISTS (SELECT 1 FROM l))
  SELECT count(*)::int AS written FROM l`;

// A flatten's close has no task result to keep in step: the order alone.
const SETTLE_ORDER = `UPDATE orders SET status = $2, external_order_id = COALESCE($3, external_order_id),
    raw_request = COALESCE($4::jsonb, raw_request), raw_response = $5::jsonb, error_message = $6,
    send_attempts = send_attempts + 1, locked_by = NULL, locked_until = NULL, updated_at = now(),
    next_attempt_at = CASE WHEN $7::int IS NULL THEN NULL ELSE now() + $7 * interval '1 millisecond' END
  WHERE client_order_id = $1 AND locked_by IS NOT NULL`;

const REDRIVE = `UPDATE orders SET status = 'RETRY', send_attempts = 0, next_attempt_at = now(), locked_by = NULL,
    locked_until = NULL, updated_at = now()
  WHERE task_id = $1 AND status IN ('FAILED', 'RETRY') AND account_id IS NOT NULL`;

interface ClaimRow {
  client_order_id: string;
  task_id: string | null;
  flatten_id: string | null;
  account_id: number;
  account_label: string | null;
  firm_code: string;
  event_type: 'entry' | 'exit';
  symbol: string;
  send_attempts: number;
  request: unknown;
}

/** OrderRetryStore on Postgres: one statement per change; a task's result kept in step with each re-drive. */
@Injectable()
export class PgOrderRetryStore extends OrderRetryStore {
  constructor(
    private readonly sql: PgSql,
    private readonly live: LiveEvents,
  ) {
    super();
  }

  async scheduleRetry(clientOrderIds: string[], delayMs: number): Promise<void> {
    if (clientOrderIds.length > 0) await this.sql.query(SCHEDULE, [clientOrderIds, delayMs]);
  }

  async claimRetries(
    routerId: string,
    leaseMs: number,
    limit: number,
    platforms: readonly string[] | null,
  ): Promise<RetryOrder[]> {
    const r = await this.sql.query<ClaimRow>(CLAIM, [routerId, leaseMs, limit, platforms]);
    return r.rows.map((row) => ({
      clientOrderId: row.client_order_id,
      taskId: row.task_id === null ? null : Number(row.task_id),
      flattenId: row.flatten_id === null ? null : Number(row.flatten_id),
      accountId: row.account_id,
      accountLabel: row.account_label ?? String(row.account_id),
      firmCode: row.firm_code,
      eventType: row.event_type,
      symbol: row.symbol,
      attempts: row.send_attempts,
      request: row.request,
    }));
  }

  async settleRetry(
    order: RetryOrder,
    outcome: OrderOutcome,
    nextDelayMs: number | null,
    update: (result: TaskResult) => TaskResult,
  ): Promise<void> {
    if (order.taskId === null) return this.settleOrderAlone(order, outcome, nextDelayMs);
    const taskId = order.taskId;
    for (let attempt = 0; attempt < 5; attempt++) {
      const log = await this.sql.query<{ id: string; version: string; response_body: TaskResult }>(
        LATEST_LOG,
        [taskId],
      );
      if (log.rows.length === 0) throw new Error(`task ${taskId} has no result to update`);
      const { id, version, response_body } = log.rows[0];
      const next = update(response_body);
      const written = await this.sql.query<{ written: number }>(SETTLE, [
        taskId,
        JSON.stringify(next),
        id,
        version,
        order.clientOrderId,
        outcome.status,
        outcome.externalOrderId,
        json(outcome.rawRequest),
        json(outcome.rawResponse),
        outcome.errorMessage,
        nextDelayMs,
        next.outcome,
      ]);
      if (written.rows[0]?.written === 1) return this.announce(order, outcome, next);
    }
    throw new Error(`task ${taskId}: its result kept changing under the re-drive of ${order.clientOrderId}`);
  }

  /** A flatten's close: the order row alone. */
  private async settleOrderAlone(order: RetryOrder, outcome: OrderOutcome, nextDelayMs: number | null) {
    await this.sql.query(SETTLE_ORDER, [
      order.clientOrderId,
      outcome.status,
      outcome.externalOrderId,
      json(outcome.rawRequest),
      json(outcome.rawResponse),
      outcome.errorMessage,
      nextDelayMs,
    ]);
    this.announceOrder(order, outcome);
  }

  private announce(order: RetryOrder, outcome: OrderOutcome, result: TaskResult): void {
    this.announceOrder(order, outcome);
    const task = {
      task_id: order.taskId,
      trade_id: result.trade_id,
      status: 'COMPLETED',
      outcome: result.outcome,
      error: null,
    };
    this.live.publish('task.updated', task, `task:${order.taskId}`);
  }

  private announceOrder(order: RetryOrder, outcome: OrderOutcome): void {
    this.live.publish(
      'order.updated',
      {
        client_order_id: order.clientOrderId,
        task_id: order.taskId,
        account_id: order.accountId,
        status: outcome.status,
        external_order_id: outcome.externalOrderId,
        error_message: outcome.errorMessage,
      },
      `order:${order.clientOrderId}`,
    );
  }

  async redriveTask(taskId: number): Promise<number> {
    const r = await this.sql.query(REDRIVE, [taskId]);
    return r.rowCount ?? 0;
  }
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
