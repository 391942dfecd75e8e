import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { AppError } from '../../platform/errors/app-error';
import { SimulatorRunsService } from '../application/simulator-runs.service';
import { CreateRunRequestDto, RunIdParamsDto, RunListQueryDto } from './dto/create-run.request.dto';
import { RunListResponseDto, RunResponseDto } from './dto/run.response.dto';
import { toRunRequest } from './run-request.mapper';
import { presentRun, presentSummary } from './run.presenter';

/** The evaluation simulator (issue 19): replay a trade list against programs; runs are stored and listed. */
@ApiTags('simulator')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/simulator/runs')
export class SimulatorRunsController {
  constructor(private readonly runs: SimulatorRunsService) {}

  @Post()
  @ApiOperation({
    summary: 'Replay a trade list against programs: a verdict per program, stored as a run',
    description:
      'The file (TradingView "List of trades" CSV, generic CSV or JSON of trades or fills) travels as text in ' +
      '`file`; or `format: "proprouter"` replays the fills PropRouter recorded for `account_id` in [from, to). ' +
      'Programs: `program_ids`, `firm` or `all: true`. Sizing: `as_traded`, `multiplier`, or `risk` at ' +
      "`risk_percent` (a fraction) from each trade's stop or `stop_points`. `search` finds the highest risk % " +
      'that still passes. Each program is replayed day by day with the live risk rules: PASSED (day), FAILED ' +
      '(day, time, rule, equity vs the limit), NOT_YET.',
  })
  @ApiCreatedResponse({ type: RunResponseDto })
  @ApiBadRequestResponse({ description: 'every problem of the body or the file, each row and column named' })
  @ApiForbiddenResponse({ description: 'needs the admin role' })
  @ApiPayloadTooLargeResponse({ description: 'a body above 16 MB' })
  async create(@Body() body: CreateRunRequestDto, @CurrentUser() user: Principal): Promise<RunResponseDto> {
    return presentRun(await this.runs.create(toRunRequest(body, user.username)));
  }

  @Get()
  @ApiOperation({ summary: 'Runs, newest first (summaries; GET one for its verdicts and curves)' })
  @ApiOkResponse({ type: RunListResponseDto })
  @ApiBadRequestResponse({ description: 'a bad limit or offset' })
  async list(@Query() q: RunListQueryDto): Promise<RunListResponseDto> {
    const { total, items } = await this.runs.list(q.limit ?? 50, q.offset ?? 0);
    return { total, items: items.map(presentSummary) };
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'A run: per program its verdict, rooms, and equity curve with the drawdown floor and daily-loss line',
  })
  @ApiOkResponse({ type: RunResponseDto })
  @ApiBadRequestResponse({ description: 'an id that is not a number' })
  @ApiNotFoundResponse({ description: 'no such run' })
  async get(@Param() { id }: RunIdParamsDto): Promise<RunResponseDto> {
    const run = await this.runs.find(id);
    if (!run) throw AppError.notFound(`Simulator run ${id}`);
    return presentRun(run);
  }
}
