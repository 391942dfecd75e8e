import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { ExecutionMonitor } from '../application/execution-monitor.service';
import { ListOrdersQueryDto, ListTasksQueryDto, TaskIdParamsDto } from './dto/execution-query.dto';
import {
  OrderListResponseDto,
  TaskDetailResponseDto,
  TaskListResponseDto,
} from './dto/execution.response.dto';
import { ErrorResponseDto } from './dto/signal.response.dto';
import { ExecutionPresenter } from './execution.presenter';

@ApiTags('execution')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@ApiBadRequestResponse({ type: ErrorResponseDto })
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
      limit: q.limit,
      offset: q.offset,
    });
    return { total: page.total, items: page.items.map(ExecutionPresenter.order) };
  }
}
