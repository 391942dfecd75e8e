import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../../platform/http/error-response.dto';
import { AccountCards } from '../application/account-cards.service';
import { SystemStatus } from '../application/system-status.service';
import { toCardDto, toSystemDto } from './dashboard.presenter';
import { AccountCardListDto, AccountCardQueryDto } from './dto/account-card.dto';
import { SystemResponseDto } from './dto/system.dto';

/** The operator dashboard's composite reads (issue 17); any role. */
@ApiTags('dashboard')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('api/dashboard')
export class DashboardController {
  constructor(
    private readonly cards: AccountCards,
    private readonly system: SystemStatus,
  ) {}

  /**
   * One card per account: firm, program, phase, connection and its sync, the state and room the risk gate
   * checks (balance, today's P&L, positions, daily loss left, drawdown left and floor), halts, flat-by.
   */
  @Get('accounts')
  @ApiOkResponse({ type: AccountCardListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async accounts(@Query() q: AccountCardQueryDto): Promise<AccountCardListDto> {
    const cards = await this.cards.list({ firmCode: q.firm_code, enabled: q.enabled });
    return { total: cards.length, items: cards.map(toCardDto) };
  }

  /** Version, DRY RUN or LIVE, the queue, and a configuration summary that never holds a secret. */
  @Get('system')
  @ApiOkResponse({ type: SystemResponseDto })
  async systemStatus(): Promise<SystemResponseDto> {
    return toSystemDto(await this.system.view());
  }
}
