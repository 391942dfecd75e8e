import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { ParseIdPipe } from '../../platform/http/parse-id.pipe';
import { AccountAdminService } from '../application/account-admin.service';
import { AccountsReadService } from '../application/accounts-read.service';
import { toAccountDto } from './accounts.presenter';
import { draft } from './connections.controller';
import { AccountListQueryDto } from './dto/accounts.query.dto';
import { AccountListResponseDto, AccountResponseDto } from './dto/accounts.response.dto';
import { CreateAccountRequestDto, UpdateAccountRequestDto } from './dto/accounts-write.request.dto';

/**
 * Trading accounts, the unit of routing. Any logged-in user reads; writes need the admin role. A change
 * applies to the next signal, without a restart. `env:{FIRM}` accounts are read-only (409).
 */
@ApiTags('accounts')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/accounts')
export class TradingAccountsController {
  constructor(
    private readonly read: AccountsReadService,
    private readonly admin: AccountAdminService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Trading accounts, by id; filters are intersected' })
  @ApiOkResponse({ type: AccountListResponseDto })
  async list(@Query() q: AccountListQueryDto): Promise<AccountListResponseDto> {
    const filter = {
      enabled: q.enabled,
      tag: q.tag?.toLowerCase(),
      firmCode: q.firm_code?.toUpperCase(),
      connectionId: q.connection_id,
    };
    const page = await this.read.accounts(filter, { limit: q.limit, offset: q.offset });
    return { total: page.total, items: page.items.map(toAccountDto) };
  }

  @Get(':id')
  @ApiOkResponse({ type: AccountResponseDto })
  @ApiNotFoundResponse({ description: 'no such account' })
  async get(@Param('id', ParseIdPipe) id: number): Promise<AccountResponseDto> {
    return toAccountDto(await this.read.account(id));
  }

  @Post()
  @ApiCreatedResponse({ type: AccountResponseDto })
  @ApiBadRequestResponse({ description: 'every invalid field, listed in details' })
  @ApiForbiddenResponse({ description: 'needs the admin role' })
  @ApiConflictResponse({ description: 'an account with this label exists' })
  async create(
    @Body() body: CreateAccountRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<AccountResponseDto> {
    return toAccountDto(await this.admin.create(draft(body), user.username));
  }

  @Patch(':id')
  @ApiOkResponse({ type: AccountResponseDto })
  @ApiBadRequestResponse({ description: 'every invalid field, listed in details' })
  @ApiForbiddenResponse({ description: 'needs the admin role' })
  @ApiNotFoundResponse({ description: 'no such account' })
  @ApiConflictResponse({ description: 'the label is taken, or the account is configured by environment' })
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateAccountRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<AccountResponseDto> {
    return toAccountDto(await this.admin.update(id, draft(body), user.username));
  }

  @Delete(':id')
  @ApiOkResponse({ type: AccountResponseDto, description: 'the deleted account' })
  @ApiForbiddenResponse({ description: 'needs the admin role' })
  @ApiNotFoundResponse({ description: 'no such account' })
  @ApiConflictResponse({ description: 'configured by environment, or it has orders (disable it instead)' })
  async delete(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: Principal,
  ): Promise<AccountResponseDto> {
    return toAccountDto(await this.admin.delete(id, user.username));
  }
}
