import { Body, Controller, Delete, Get, HttpCode, Ip, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { PageQueryDto } from '../http/page.query.dto';
import { ParseIdPipe } from '../http/parse-id.pipe';
import type { ApiKeyEntity } from './api-key.entity';
import { AuthAuditService } from './auth-audit.service';
import { AdminOnly, CurrentUser, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import {
  ApiKeyListResponseDto,
  ApiKeyResponseDto,
  CreateApiKeyRequestDto,
  CreatedApiKeyResponseDto,
  CurrentUserResponseDto,
  LoginRequestDto,
  LoginResponseDto,
} from './dto/auth.dto';
import { AuthAuditListResponseDto } from './dto/user.dto';
import type { Principal } from './principal';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly audit: AuthAuditService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiTooManyRequestsResponse({ description: 'too many logins from this client or failures for this user' })
  login(@Body() body: LoginRequestDto, @Ip() ip: string): Promise<LoginResponseDto> {
    return this.auth.login(body.username, body.password, ip);
  }

  /** The caller's name and role, read from the user row like every request's (a token carries no role). */
  @Get('me')
  @ApiBearerAuth('bearer')
  @ApiSecurity('api-key')
  @ApiOkResponse({ type: CurrentUserResponseDto })
  me(@CurrentUser() user: Principal): CurrentUserResponseDto {
    return { username: user.username, role: user.role, via: user.via };
  }

  @Post('api-keys')
  @ApiBearerAuth('bearer')
  @ApiSecurity('api-key')
  @ApiCreatedResponse({ type: CreatedApiKeyResponseDto })
  async createApiKey(
    @Body() body: CreateApiKeyRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<CreatedApiKeyResponseDto> {
    const { key, entity } = await this.auth.createApiKey(body.name, body.role ?? 'viewer', user);
    return { ...toDto(entity), key };
  }

  /** Admins only: key names, prefixes and owners help whoever would misuse a key (issue 12). */
  @Get('api-keys')
  @AdminOnly()
  @ApiBearerAuth('bearer')
  @ApiSecurity('api-key')
  @ApiOkResponse({ type: ApiKeyListResponseDto })
  async listApiKeys(): Promise<ApiKeyListResponseDto> {
    const items = (await this.auth.listApiKeys()).map(toDto);
    return { total: items.length, items };
  }

  @Delete('api-keys/:id')
  @ApiBearerAuth('bearer')
  @ApiSecurity('api-key')
  @ApiOkResponse({ type: ApiKeyResponseDto })
  async revokeApiKey(@Param('id', ParseIdPipe) id: number): Promise<ApiKeyResponseDto> {
    return toDto(await this.auth.revokeApiKey(id));
  }

  /** User administration, newest first (admins only). */
  @Get('audit')
  @AdminOnly()
  @ApiBearerAuth('bearer')
  @ApiSecurity('api-key')
  @ApiOkResponse({ type: AuthAuditListResponseDto })
  listAudit(@Query() page: PageQueryDto): Promise<AuthAuditListResponseDto> {
    return this.audit.list(page.limit, page.offset);
  }
}

function toDto(k: ApiKeyEntity): ApiKeyResponseDto {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    role: k.role,
    created_by: k.createdBy,
    owner_id: k.ownerId,
    created_at: k.createdAt.toISOString(),
    last_used_at: k.lastUsedAt?.toISOString() ?? null,
    revoked_at: k.revokedAt?.toISOString() ?? null,
  };
}
