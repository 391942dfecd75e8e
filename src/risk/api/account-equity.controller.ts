import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AppError } from '../../platform/errors/app-error';
import { ErrorResponseDto } from '../../platform/http/error-response.dto';
import { ParseIdPipe } from '../../platform/http/parse-id.pipe';
import { AccountOverviews } from '../application/ports/account-overviews.port';
import { EquityCurveQueryDto, EquityCurveResponseDto } from './dto/equity-curve.dto';

const DAY_MS = 86_400_000;

/** A trading account's equity over time with its drawdown floor (the dashboard's chart). */
@ApiTags('risk')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('api/accounts')
export class AccountEquityController {
  constructor(private readonly overviews: AccountOverviews) {}

  @Get(':id/equity')
  @ApiOkResponse({ type: EquityCurveResponseDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'a bad query value, or since not before until',
  })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'no such account, or one without a program (env:)',
  })
  async curve(
    @Param('id', ParseIdPipe) id: number,
    @Query() q: EquityCurveQueryDto,
  ): Promise<EquityCurveResponseDto> {
    const until = q.until ?? new Date();
    const since = q.since ?? new Date(until.getTime() - 30 * DAY_MS);
    if (since >= until) throw AppError.validation(['since: must be before until']);
    const curve = await this.overviews.equityCurve(id, { since, until, maxPoints: q.max_points });
    if (!curve) throw AppError.notFound(`Trading account ${id} (with a program)`);
    return {
      account_id: curve.accountId,
      drawdown_type: curve.drawdownType,
      points: curve.points.map((p) => ({
        at: p.at.toISOString(),
        balance: p.balance.toNumber(),
        open_pnl: p.openPnl?.toNumber() ?? null,
        equity: p.equity.toNumber(),
        drawdown_floor: p.drawdownFloor?.toNumber() ?? null,
      })),
    };
  }
}
