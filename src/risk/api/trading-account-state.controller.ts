import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { ParseIdPipe } from '../../platform/http/parse-id.pipe';
import { TradingAccountStateService } from '../application/trading-account-state.service';
import { AccountStateResponseDto } from './dto/account-state.response.dto';
import { FillRequestDto } from './dto/fill.request.dto';
import { FillResponseDto } from './dto/fill.response.dto';
import { UpdateAccountStateRequestDto } from './dto/update-account-state.request.dto';
import { toAccountPatch, toAccountStateDto, toFillInput } from './risk.presenter';

const NOT_FOUND = 'no trading account with this id';
const ENV_ACCOUNT =
  'an `env:{FIRM}` account has no program: its state is the firm-level one, ' +
  'at /api/risk/accounts/{firm_code}/{program_id}';

/** One trading account's own risk state (balance, P&L, position): the state the risk gate checks it against. */
@ApiTags('risk')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/accounts')
export class TradingAccountStateController {
  constructor(private readonly accounts: TradingAccountStateService) {}

  @Get(':id/state')
  @ApiOperation({
    summary: "A trading account's risk state; never traded = a fresh account at its program's size",
  })
  @ApiOkResponse({ type: AccountStateResponseDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: ENV_ACCOUNT })
  async get(@Param('id', ParseIdPipe) id: number): Promise<AccountStateResponseDto> {
    return toAccountStateDto(await this.accounts.get(id));
  }

  @Put(':id/state')
  @ApiOperation({
    summary: "Sets fields of a trading account's risk state; fields not sent keep their values",
  })
  @ApiOkResponse({ type: AccountStateResponseDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: ENV_ACCOUNT })
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateAccountStateRequestDto,
  ): Promise<AccountStateResponseDto> {
    return toAccountStateDto(await this.accounts.update(id, toAccountPatch(body)));
  }

  @Post(':id/fills')
  @ApiOperation({ summary: "Nets a fill into a trading account's position and P&L" })
  @ApiCreatedResponse({ type: FillResponseDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: `${ENV_ACCOUNT}; or the account holds another contract` })
  async fill(@Param('id', ParseIdPipe) id: number, @Body() body: FillRequestDto): Promise<FillResponseDto> {
    const { state, realizedPnl } = await this.accounts.recordFill(id, toFillInput(body));
    return { realized_pnl: realizedPnl.toNumber(), account: toAccountStateDto(state) };
  }
}
