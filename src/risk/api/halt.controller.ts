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
import { AppError } from '../../platform/errors/app-error';
import { Clock } from '../../platform/time/clock';
import { HaltService } from '../application/halt.service';
import { CreateHaltRequestDto } from './dto/create-halt.request.dto';
import { HaltListResponseDto, HaltResponseDto } from './dto/halt.response.dto';
import { HaltListQueryDto } from './dto/page.query.dto';
import { toHaltDto } from './risk.presenter';

/** The kill switch. Admin only, reads included (the global guard covers writes; reads are checked here). */
@ApiTags('risk')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@ApiForbiddenResponse({ description: 'needs the admin role' })
@Controller('api/risk/halts')
export class HaltController {
  constructor(
    private readonly halts: HaltService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @ApiCreatedResponse({
    type: HaltResponseDto,
    description:
      'effective for the next task: every firm, one firm (firm_code), or one trading account (account_id)',
  })
  async create(@Body() body: CreateHaltRequestDto, @CurrentUser() user: Principal): Promise<HaltResponseDto> {
    requireAdmin(user);
    const halt = await this.halts.halt({
      firmCode: body.firm_code ?? null,
      accountId: body.account_id ?? null,
      expiresAt: body.expires_at ?? null,
      reason: body.reason,
      by: user.username,
    });
    return toHaltDto(halt, this.clock.now());
  }

  @Get()
  @ApiOkResponse({ type: HaltListResponseDto, description: 'newest first' })
  async list(@Query() q: HaltListQueryDto, @CurrentUser() user: Principal): Promise<HaltListResponseDto> {
    requireAdmin(user);
    const page = await this.halts.list(q.active_only ?? false, q.limit ?? 50, q.offset ?? 0);
    const now = this.clock.now();
    return { total: page.total, items: page.items.map((h) => toHaltDto(h, now)) };
  }

  @Delete(':id')
  @ApiOkResponse({ type: HaltResponseDto, description: 'the halt, now cleared' })
  @ApiNotFoundResponse({ description: 'no such halt' })
  @ApiConflictResponse({ description: 'already cleared' })
  async clear(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: Principal,
  ): Promise<HaltResponseDto> {
    requireAdmin(user);
    return toHaltDto(await this.halts.clear(id, user.username), this.clock.now());
  }
}

function requireAdmin(user: Principal): void {
  if (user.role !== 'admin') throw new AppError('FORBIDDEN', 'Trading halts need the admin role');
}
