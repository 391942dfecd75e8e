import type {
  OrderView,
  SignalFeedEntry,
  TaskDetailView,
  TaskView,
} from '../application/ports/execution-read-model.port';
import { accountDecisions } from '../domain/account-decisions';
import type { SignalDetailResponseDto, SignalFeedItemDto } from './dto/signal-feed.dto';
import type { OrderResponseDto, TaskDetailResponseDto, TaskResponseDto } from './dto/execution.response.dto';

/** Views → JSON: snake_case, ISO 8601 times. */
export class ExecutionPresenter {
  static task(t: TaskView): TaskResponseDto {
    return {
      id: t.id,
      trade_id: t.tradeId,
      event_type: t.eventType,
      status: t.status,
      attempts: t.attempts,
      outcome: t.outcome,
      last_error: t.lastError,
      created_at: t.createdAt.toISOString(),
      updated_at: t.updatedAt.toISOString(),
      completed_at: t.completedAt?.toISOString() ?? null,
    };
  }

  static taskDetail(t: TaskDetailView): TaskDetailResponseDto {
    return {
      ...ExecutionPresenter.task(t),
      payload: { ...t.payload },
      available_at: t.availableAt.toISOString(),
      locked_by: t.lockedBy,
      locked_until: t.lockedUntil?.toISOString() ?? null,
      result: t.result,
    };
  }

  static feedItem(t: SignalFeedEntry): SignalFeedItemDto {
    const r = t.result;
    return {
      task_id: t.id,
      trade_id: t.tradeId,
      event_type: t.eventType,
      symbol: t.symbol,
      side: t.side,
      quantity: t.quantity,
      status: t.status,
      outcome: t.outcome,
      dry_run: r ? r.dry_run : null,
      details: r ? r.details : null,
      last_error: t.lastError,
      received_at: t.createdAt.toISOString(),
      completed_at: t.completedAt?.toISOString() ?? null,
      account_counts: r?.account_counts ?? null,
      accounts: r ? accountDecisions(r, t.quantity) : [],
    };
  }

  static signalDetail(t: TaskDetailView, orders: OrderView[]): SignalDetailResponseDto {
    const entry = { ...t, symbol: t.payload.symbol, side: t.payload.side, quantity: t.payload.quantity };
    return {
      ...ExecutionPresenter.feedItem(entry),
      payload: { ...t.payload },
      result: t.result,
      orders: orders.map(ExecutionPresenter.order),
    };
  }

  static order(o: OrderView): OrderResponseDto {
    return {
      id: o.id,
      task_id: o.taskId,
      flatten_id: o.flattenId,
      trade_id: o.tradeId,
      event_type: o.eventType,
      firm_code: o.firmCode,
      account_id: o.accountId,
      account_label: o.accountLabel,
      program_id: o.programId,
      client_order_id: o.clientOrderId,
      external_order_id: o.externalOrderId,
      symbol: o.symbol,
      side: o.side,
      quantity: o.quantity,
      status: o.status,
      error_message: o.errorMessage,
      raw_request: o.rawRequest,
      raw_response: o.rawResponse,
      created_at: o.createdAt.toISOString(),
      updated_at: o.updatedAt.toISOString(),
    };
  }
}
