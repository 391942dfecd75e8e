import type { EventType, Side, Signal } from '../../domain/signal';
import type { TaskOutcome, TaskResult } from '../../domain/task-result';
import type { OrderStatus } from './order-store.port';

export type TaskStatus = 'PENDING' | 'PROCESSING' | 'COMPLETED' | 'FAILED';

export interface Page<T> {
  total: number;
  items: T[];
}

export interface PageRequest {
  limit: number;
  offset: number;
}

export interface TaskFilter extends PageRequest {
  status?: TaskStatus;
  tradeId?: string;
  /** Tasks that targeted this firm (in firm_codes, or checked by risk for it). */
  firmCode?: string;
  /** Created at or after. */
  since?: Date;
  /** Tasks that decided anything for this trading account (its risk check, sizing or order). */
  accountId?: number;
  outcome?: TaskOutcome;
}

/** The signals feed: newest first, a page of `limit` before the task `beforeId` (the cursor). */
export interface SignalFeedFilter {
  status?: TaskStatus;
  outcome?: TaskOutcome;
  firmCode?: string;
  accountId?: number;
  /** The alert's symbol, upper-cased (as stored). */
  symbol?: string;
  /** Received at or after. */
  since?: Date;
  /** Received before. */
  until?: Date;
  beforeId?: number;
  limit: number;
}

export interface SignalFeedEntry extends TaskView {
  symbol: string;
  side: Side | null;
  quantity: number | null;
  result: TaskResult | null;
}

export interface SignalFeedPage {
  items: SignalFeedEntry[];
  /** The cursor of the next (older) page; null on the last. */
  nextBeforeId: number | null;
}

export const ORDER_SORTS = ['newest', 'failed_first'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

export interface OrderFilter extends PageRequest {
  /** Created at or after / before. */
  since?: Date;
  until?: Date;
  /** newest (default), or failed_first: FAILED, then RETRY, then the rest, each newest first. */
  sort?: OrderSort;
  tradeId?: string;
  firmCode?: string;
  status?: OrderStatus;
  taskId?: number;
  accountId?: number;
  /** Orders of tasks with this outcome. */
  outcome?: TaskOutcome;
}

export interface TaskView {
  id: number;
  tradeId: string;
  eventType: EventType;
  status: TaskStatus;
  attempts: number;
  outcome: TaskOutcome | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

export interface TaskDetailView extends TaskView {
  payload: Signal;
  availableAt: Date;
  lockedBy: string | null;
  lockedUntil: Date | null;
  /** The latest execution log's response body; null until the task completes. */
  result: TaskResult | null;
}

export interface OrderView {
  id: number;
  /** Null for an order of an account flatten. */
  taskId: number | null;
  flattenId: number | null;
  tradeId: string;
  eventType: EventType;
  firmCode: string;
  accountId: number | null;
  accountLabel: string | null;
  programId: number | null;
  clientOrderId: string;
  externalOrderId: string | null;
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  status: OrderStatus;
  errorMessage: string | null;
  rawRequest: unknown;
  rawResponse: unknown;
  createdAt: Date;
  updatedAt: Date;
}

/** Read side of routing, for the monitoring API. Newest first. */
/** The queue as metrics read it: tasks waiting, and how long the oldest has waited. */
export interface QueueStats {
  pending: number;
  oldestPendingSeconds: number;
}

export abstract class ExecutionReadModel {
  abstract queueStats(): Promise<QueueStats>;
  abstract listTasks(filter: TaskFilter): Promise<Page<TaskView>>;
  abstract findTask(id: number): Promise<TaskDetailView | null>;
  abstract listOrders(filter: OrderFilter): Promise<Page<OrderView>>;
  abstract signalFeed(filter: SignalFeedFilter): Promise<SignalFeedPage>;
}
