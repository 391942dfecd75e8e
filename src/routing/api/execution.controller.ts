import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ExecutionMonitor } from '../application/execution-monitor.service';
import { ListOrdersQueryDto, ListTasksQueryDto, TaskIdParamsDto } from './dto/execution-query.dto';
import {
  OrderListResponseDto,
  TaskDetailResponseDto,
  TaskListResponseDto,
} from './dto/execution.response.dto';
import { ErrorResponseDto } from './dto/signal.response.dto';
import { SignalDetailResponseDto, SignalFeedQueryDto, SignalFeedResponseDto } from './dto/signal-feed.dto';
import { ExecutionPresenter } from './execution.presenter';

@ApiTags('execution')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@ApiBadRequestResponse({ type: ErrorResponseDto })
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('api/execution')
export class ExecutionController {
  constructor(private readonly monitor: ExecutionMonitor) {}

  @Get('tasks')
  @ApiOkResponse({ type: TaskListResponseDto })
  async listTasks(@Query() q: ListTasksQueryDto): Promise<TaskListResponseDto> {
    const page = await this.monitor.listTasks({
      status: q.status,
      tradeId: q.trade_id,
      firmCode: q.firm_code?.toUpperCase(),
      since: q.since,
      accountId: q.account_id,
      outcome: q.outcome,
      limit: q.limit,
      offset: q.offset,
    });
    return { total: page.total, items: page.items.map(ExecutionPresenter.task) };
  }

  /**
   * The signals feed: alerts newest first, each with what happened per account. Page with `before_id`
   * (next_before_id). Refused webhooks are not tasks: GET /api/webhooks/refused lists them.
   */
  @Get('signals')
  @ApiOkResponse({ type: SignalFeedResponseDto })
  async signalFeed(@Query() q: SignalFeedQueryDto): Promise<SignalFeedResponseDto> {
    const page = await this.monitor.signalFeed({
      status: q.status,
      outcome: q.outcome,
      firmCode: q.firm_code,
      accountId: q.account_id,
      symbol: q.symbol,
      since: q.since,
      until: q.until,
      beforeId: q.before_id,
      limit: q.limit,
    });
    return { items: page.items.map(ExecutionPresenter.feedItem), next_before_id: page.nextBeforeId };
  }

  /** One alert: as accepted, each account's risk, sizing and connector results, and its orders. */
  @Get('signals/:id')
  @ApiOkResponse({ type: SignalDetailResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async signal(@Param() p: TaskIdParamsDto): Promise<SignalDetailResponseDto> {
    const { task, orders } = await this.monitor.getSignal(p.id);
    return ExecutionPresenter.signalDetail(task, orders);
  }

  @Get('tasks/:id')
  @ApiOkResponse({ type: TaskDetailResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async getTask(@Param() p: TaskIdParamsDto): Promise<TaskDetailResponseDto> {
    return ExecutionPresenter.taskDetail(await this.monitor.getTask(p.id));
  }

  /**
   * A FAILED task is sent round again (fresh attempts); a completed task with FAILED or RETRY orders has
   * just those re-driven (looked up by client order id first, never doubled); anything else is a 409.
   */
  @Post('tasks/:id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskDetailResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto })
  async retryTask(@Param() p: TaskIdParamsDto): Promise<TaskDetailResponseDto> {
    return ExecutionPresenter.taskDetail(await this.monitor.retry(p.id));
  }

  /** Every order with its account, platform id, status and times; `sort=failed_first` for the failed ones first. */
  @Get('orders')
  @ApiOkResponse({ type: OrderListResponseDto })
  async listOrders(@Query() q: ListOrdersQueryDto): Promise<OrderListResponseDto> {
    const page = await this.monitor.listOrders({
      tradeId: q.trade_id,
      firmCode: q.firm_code?.toUpperCase(),
      status: q.status,
      taskId: q.task_id,
      accountId: q.account_id,
      outcome: q.outcome,
      since: q.since,
      until: q.until,
      sort: q.sort,
      limit: q.limit,
      offset: q.offset,
    });
    return { total: page.total, items: page.items.map(ExecutionPresenter.order) };
  }
}
