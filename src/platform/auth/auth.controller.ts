import { ParseIdPipe } from '../http/parse-id.pipe';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiSecurity, ApiTags, ApiCreatedResponse } from '@nestjs/swagger';
import type { ApiKeyEntity } from './api-key.entity';
import { CurrentUser, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import {
  ApiKeyListResponseDto,
  ApiKeyResponseDto,
  CreateApiKeyRequestDto,
  CreatedApiKeyResponseDto,
  CreateUserRequestDto,
  LoginRequestDto,
  LoginResponseDto,
  UserResponseDto,
} from './dto/auth.dto';
import type { Principal } from './principal';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  login(@Body() body: LoginRequestDto): Promise<LoginResponseDto> {
    return this.auth.login(body.username, body.password);
  }

  @Post('users')
  @ApiBearerAuth('bearer')
  @ApiSecurity('api-key')
  @ApiCreatedResponse({ type: UserResponseDto })
  async createUser(@Body() body: CreateUserRequestDto): Promise<UserResponseDto> {
    const u = await this.auth.createUser(body.username, body.password, body.role);
    return { id: u.id, username: u.username, role: u.role, created_at: u.createdAt.toISOString() };
  }

  @Post('api-keys')
  @ApiBearerAuth('bearer')
  @ApiSecurity('api-key')
  @ApiCreatedResponse({ type: CreatedApiKeyResponseDto })
  async createApiKey(
    @Body() body: CreateApiKeyRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<CreatedApiKeyResponseDto> {
    const { key, entity } = await this.auth.createApiKey(body.name, body.role ?? 'viewer', user.username);
    return { ...toDto(entity), key };
  }

  @Get('api-keys')
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
}

function toDto(k: ApiKeyEntity): ApiKeyResponseDto {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    role: k.role,
    created_by: k.createdBy,
    created_at: k.createdAt.toISOString(),
    last_used_at: k.lastUsedAt?.toISOString() ?? null,
    revoked_at: k.revokedAt?.toISOString() ?? null,
  };
}
