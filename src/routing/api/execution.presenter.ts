import type { OrderView, TaskDetailView, TaskView } from '../application/ports/execution-read-model.port';
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
