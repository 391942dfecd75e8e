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
import { AccountsReadService } from '../application/accounts-read.service';
import { ConnectionAdminService } from '../application/connection-admin.service';
import { toConnectionDto } from './accounts.presenter';
import { ConnectionListQueryDto } from './dto/accounts.query.dto';
import { ConnectionListResponseDto, ConnectionResponseDto } from './dto/accounts.response.dto';
import { CreateConnectionRequestDto, UpdateConnectionRequestDto } from './dto/accounts-write.request.dto';

/**
 * Platform connections (one login each). Any logged-in user reads; writes need the admin role (the global
 * guard). Credentials are write-only: answers list `credentials_set`, the names of the fields that are set.
 */
@ApiTags('accounts')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/accounts/connections')
export class ConnectionsController {
  constructor(
    private readonly read: AccountsReadService,
    private readonly admin: ConnectionAdminService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Connections, by id' })
  @ApiOkResponse({ type: ConnectionListResponseDto })
  async list(@Query() q: ConnectionListQueryDto): Promise<ConnectionListResponseDto> {
    const page = await this.read.connections({ limit: q.limit, offset: q.offset });
    return { total: page.total, items: page.items.map(toConnectionDto) };
  }

  @Get(':id')
  @ApiOkResponse({ type: ConnectionResponseDto })
  @ApiNotFoundResponse({ description: 'no such connection' })
  async get(@Param('id', ParseIdPipe) id: number): Promise<ConnectionResponseDto> {
    return toConnectionDto(await this.read.connection(id));
  }

  @Post()
  @ApiCreatedResponse({ type: ConnectionResponseDto })
  @ApiBadRequestResponse({ description: 'every invalid field, listed in details' })
  @ApiForbiddenResponse({ description: 'needs the admin role' })
  @ApiConflictResponse({ description: 'a connection with this name exists' })
  async create(
    @Body() body: CreateConnectionRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<ConnectionResponseDto> {
    return toConnectionDto(await this.admin.create(draft(body), user.username));
  }

  @Patch(':id')
  @ApiOkResponse({ type: ConnectionResponseDto })
  @ApiBadRequestResponse({ description: 'every invalid field, listed in details' })
  @ApiForbiddenResponse({ description: 'needs the admin role' })
  @ApiNotFoundResponse({ description: 'no such connection' })
  @ApiConflictResponse({ description: 'the name is taken, or the connection is configured by environment' })
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateConnectionRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<ConnectionResponseDto> {
    return toConnectionDto(await this.admin.update(id, draft(body), user.username));
  }

  @Delete(':id')
  @ApiOkResponse({ type: ConnectionResponseDto, description: 'the deleted connection' })
  @ApiForbiddenResponse({ description: 'needs the admin role' })
  @ApiNotFoundResponse({ description: 'no such connection' })
  @ApiConflictResponse({ description: 'accounts still use it, or it is configured by environment' })
  async delete(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: Principal,
  ): Promise<ConnectionResponseDto> {
    return toConnectionDto(await this.admin.delete(id, user.username));
  }
}

/** The validated body as a draft: only the fields the caller sent. */
export function draft(body: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}
