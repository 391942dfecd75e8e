import { ParseIdPipe } from '../../platform/http/parse-id.pipe';
import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { AccountStateService } from '../application/account-state.service';
import { AccountStateListResponseDto, AccountStateResponseDto } from './dto/account-state.response.dto';
import { FillRequestDto } from './dto/fill.request.dto';
import { FillResponseDto } from './dto/fill.response.dto';
import { PageQueryDto } from '../../platform/http/page.query.dto';
import { UpdateAccountStateRequestDto } from './dto/update-account-state.request.dto';
import { toAccountPatch, toAccountStateDto, toFillInput } from './risk.presenter';

@ApiTags('risk')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
/**
 * The seed's firm-level account states, per firm × program (account_id 0, answered as null): what the
 * `env:{FIRM}` accounts are checked against. A trading account's own state: TradingAccountStateController.
 */
@Controller('api/risk/accounts')
export class AccountStateController {
  constructor(private readonly accounts: AccountStateService) {}

  @Get()
  @ApiOkResponse({
    type: AccountStateListResponseDto,
    description:
      "stored account states (firm-level ones with account_id null, trading accounts' own with their id), " +
      'rolled to the current trading day',
  })
  async list(@Query() q: PageQueryDto): Promise<AccountStateListResponseDto> {
    const page = await this.accounts.list(q.limit ?? 50, q.offset ?? 0);
    return { total: page.total, items: page.items.map(toAccountStateDto) };
  }

  @Get(':firm_code/:program_id')
  @ApiOkResponse({
    type: AccountStateResponseDto,
    description: 'the firm-level state of firm × program (account_id null); never traded = a fresh account',
  })
  @ApiNotFoundResponse({ description: 'no such program at this firm' })
  async get(
    @Param('firm_code') firmCode: string,
    @Param('program_id', ParseIdPipe) programId: number,
  ): Promise<AccountStateResponseDto> {
    return toAccountStateDto(await this.accounts.get(firmCode, programId));
  }

  @Put(':firm_code/:program_id')
  @ApiOkResponse({ type: AccountStateResponseDto })
  @ApiNotFoundResponse({ description: 'no such program at this firm' })
  async update(
    @Param('firm_code') firmCode: string,
    @Param('program_id', ParseIdPipe) programId: number,
    @Body() body: UpdateAccountStateRequestDto,
  ): Promise<AccountStateResponseDto> {
    return toAccountStateDto(await this.accounts.update(firmCode, programId, toAccountPatch(body)));
  }

  @Post(':firm_code/:program_id/fills')
  @ApiCreatedResponse({ type: FillResponseDto })
  @ApiNotFoundResponse({ description: 'no such program at this firm' })
  async fill(
    @Param('firm_code') firmCode: string,
    @Param('program_id', ParseIdPipe) programId: number,
    @Body() body: FillRequestDto,
  ): Promise<FillResponseDto> {
    const { state, realizedPnl } = await this.accounts.recordFill(firmCode, programId, toFillInput(body));
    return { realized_pnl: realizedPnl.toNumber(), account: toAccountStateDto(state) };
  }
}
