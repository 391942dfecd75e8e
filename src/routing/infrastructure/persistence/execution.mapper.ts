import type {
  OrderView,
  SignalFeedEntry,
  TaskDetailView,
  TaskView,
} from '../../application/ports/execution-read-model.port';
import type { TaskResult } from '../../domain/task-result';
import type { ExecutionTaskEntity } from './execution-task.entity';
import type { OrderEntity } from './order.entity';

export class ExecutionMapper {
  static toTaskView(e: ExecutionTaskEntity): TaskView {
    return {
      id: e.id,
      tradeId: e.tradeId,
      eventType: e.eventType,
      status: e.status,
      attempts: e.attempts,
      outcome: e.outcome,
      lastError: e.lastError,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      completedAt: e.completedAt,
    };
  }

  static toTaskDetail(e: ExecutionTaskEntity, result: TaskResult | null): TaskDetailView {
    return {
      ...ExecutionMapper.toTaskView(e),
      payload: e.payload,
      availableAt: e.availableAt,
      lockedBy: e.lockedBy,
      lockedUntil: e.lockedUntil,
      result,
    };
  }

  static toFeedEntry(e: ExecutionTaskEntity, result: TaskResult | null): SignalFeedEntry {
    return {
      ...ExecutionMapper.toTaskView(e),
      symbol: e.payload.symbol,
      side: e.payload.side ?? null,
      quantity: e.payload.quantity ?? null,
      result,
    };
  }

  static toOrderView(e: OrderEntity): OrderView {
    return {
      id: e.id,
      taskId: e.taskId,
      flattenId: e.flattenId,
      tradeId: e.tradeId,
      eventType: e.eventType,
      firmCode: e.firmCode,
      accountId: e.accountId,
      accountLabel: e.accountLabel,
      programId: e.programId,
      clientOrderId: e.clientOrderId,
      externalOrderId: e.externalOrderId,
      symbol: e.symbol,
      side: e.side,
      quantity: e.quantity,
      status: e.status,
      errorMessage: e.errorMessage,
      rawRequest: e.rawRequest,
      rawResponse: e.rawResponse,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    };
  }
}
