import { ParseIdPipe } from '../../platform/http/parse-id.pipe';
import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { TradingHalts } from '../../risk/application/ports/trading-halts.port';
import { KillSwitch } from '../application/kill-switch.service';
import { CreateHaltRequestDto } from './dto/create-halt.request.dto';
import { HaltListQueryDto } from './dto/halt-list.query.dto';
import { HaltListResponseDto, HaltResponseDto, HaltSetResponseDto } from './dto/halt.response.dto';
import { requireAdmin } from './require-admin';
import { toFlattenDto, toHaltDto } from './kill-switch.presenter';

/** The kill switch's halts. Admin only, reads included (the global guard covers writes; reads are checked here). */
@ApiTags('risk')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@ApiForbiddenResponse({ description: 'needs the admin role' })
@Controller('api/risk/halts')
export class HaltController {
  constructor(
    private readonly halts: TradingHalts,
    private readonly killSwitch: KillSwitch,
  ) {}

  @Post()
  @ApiCreatedResponse({
    type: HaltSetResponseDto,
    description:
      'effective for the next task: every firm, one firm (firm_code), or one trading account (account_id); ' +
      'with flatten: true, every account (disabled ones too) it reaches is then flattened (flattens: one outcome each)',
  })
  async create(
    @Body() body: CreateHaltRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<HaltSetResponseDto> {
    requireAdmin(user, 'Trading halts');
    const { halt, flattens } = await this.killSwitch.halt(
      {
        firmCode: body.firm_code ?? null,
        accountId: body.account_id ?? null,
        expiresAt: body.expires_at ?? null,
        reason: body.reason,
        by: user.username,
      },
      body.flatten ?? false,
    );
    return { ...toHaltDto(halt), flattens: flattens?.map(toFlattenDto) ?? null };
  }

  @Get()
  @ApiOkResponse({ type: HaltListResponseDto, description: 'newest first' })
  async list(@Query() q: HaltListQueryDto, @CurrentUser() user: Principal): Promise<HaltListResponseDto> {
    requireAdmin(user, 'Trading halts');
    const page = await this.halts.list(q.active_only ?? false, q.limit ?? 50, q.offset ?? 0);
    return { total: page.total, items: page.items.map(toHaltDto) };
  }

  @Delete(':id')
  @ApiOkResponse({ type: HaltResponseDto, description: 'the halt, now cleared' })
  @ApiNotFoundResponse({ description: 'no such halt' })
  @ApiConflictResponse({ description: 'already cleared' })
  async clear(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: Principal,
  ): Promise<HaltResponseDto> {
    requireAdmin(user, 'Trading halts');
    return toHaltDto(await this.halts.clear(id, user.username));
  }
}
