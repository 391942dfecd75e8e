import { Body, Controller, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { AppError } from '../errors/app-error';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { AdminOnly, CurrentUser } from './auth.decorators';
import { CreateUserRequestDto } from './dto/auth.dto';
import { UpdateUserRequestDto, UserListResponseDto, UserResponseDto } from './dto/user.dto';
import type { Principal } from './principal';
import { UserAdminService, UserView } from './user-admin.service';

/** User administration (admin only, every call audited in auth_audit). */
@ApiTags('auth')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/auth/users')
export class UsersController {
  constructor(private readonly users: UserAdminService) {}

  @Post()
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiConflictResponse({ description: 'the username is taken' })
  async create(
    @Body() body: CreateUserRequestDto,
    @CurrentUser() actor: Principal,
  ): Promise<UserResponseDto> {
    return toDto(await this.users.create(body.username, body.password, body.role, actor));
  }

  @Get()
  @AdminOnly()
  @ApiOkResponse({ type: UserListResponseDto })
  async list(): Promise<UserListResponseDto> {
    const items = (await this.users.list()).map(toDto);
    return { total: items.length, items };
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserResponseDto })
  @ApiNotFoundResponse({ description: 'no such user' })
  @ApiConflictResponse({ description: 'it would demote or disable the last enabled admin' })
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateUserRequestDto,
    @CurrentUser() actor: Principal,
  ): Promise<UserResponseDto> {
    if (body.role === undefined && body.enabled === undefined && body.password === undefined)
      throw AppError.validation(['give at least one of role, enabled, password']);
    return toDto(await this.users.update(id, body, actor));
  }

  @Delete(':id')
  @ApiOkResponse({ type: UserResponseDto, description: 'the user as it was; its API keys are revoked' })
  @ApiNotFoundResponse({ description: 'no such user' })
  @ApiConflictResponse({ description: 'it is the last enabled admin' })
  async remove(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() actor: Principal,
  ): Promise<UserResponseDto> {
    return toDto(await this.users.remove(id, actor));
  }
}

function toDto(u: UserView): UserResponseDto {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    enabled: u.enabled,
    created_at: u.createdAt.toISOString(),
    updated_at: u.updatedAt.toISOString(),
  };
}
