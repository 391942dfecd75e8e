import { Body, Controller, Delete, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
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
import { ParseIdPipe } from '../../platform/http/parse-id.pipe';
import { RegistryAdminService } from '../application/registry-admin.service';
import type { Draft } from '../domain/registry-records';
import {
  CreateFirmRequestDto,
  CreateProgramRequestDto,
  CreateScalingRuleRequestDto,
  UpdateFirmRequestDto,
  UpdateProgramRequestDto,
  UpdateScalingRuleRequestDto,
} from './dto/registry-write.request.dto';
import { FirmResponseDto, ProgramResponseDto, ScalingRuleResponseDto } from './dto/registry.response.dto';
import { toFirmDto, toProgramDto, toRuleDto } from './registry.presenter';

/**
 * Admin management of the registry (the global guard lets only admins write). PATCH sends any subset of
 * fields; `meta` is replaced as a whole. Deleting a firm deletes its programs and rules (ON DELETE CASCADE).
 */
@ApiTags('registry')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@ApiForbiddenResponse({ description: 'needs the admin role' })
@ApiBadRequestResponse({ description: 'every invalid field, listed in details' })
@Controller('api/prop-registry')
export class RegistryAdminController {
  constructor(private readonly admin: RegistryAdminService) {}

  @Post('firms')
  @ApiCreatedResponse({ type: FirmResponseDto })
  @ApiConflictResponse({ description: 'a firm with this code exists' })
  async createFirm(
    @Body() body: CreateFirmRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<FirmResponseDto> {
    return toFirmDto(await this.admin.createFirm(draft(body), user.username));
  }

  @Patch('firms/:id')
  @ApiOkResponse({ type: FirmResponseDto })
  @ApiNotFoundResponse({ description: 'no such firm' })
  @ApiConflictResponse({ description: 'the new code is taken' })
  async updateFirm(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateFirmRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<FirmResponseDto> {
    return toFirmDto(await this.admin.updateFirm(id, draft(body), user.username));
  }

  @Delete('firms/:id')
  @ApiOkResponse({ type: FirmResponseDto, description: 'the deleted firm' })
  @ApiNotFoundResponse({ description: 'no such firm' })
  async deleteFirm(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: Principal,
  ): Promise<FirmResponseDto> {
    return toFirmDto(await this.admin.deleteFirm(id, user.username));
  }

  @Post('programs')
  @ApiCreatedResponse({ type: ProgramResponseDto })
  @ApiConflictResponse({ description: 'the firm has a program of this name and account size' })
  async createProgram(
    @Body() body: CreateProgramRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<ProgramResponseDto> {
    return toProgramDto(await this.admin.createProgram(draft(body), user.username));
  }

  @Patch('programs/:id')
  @ApiOkResponse({ type: ProgramResponseDto })
  @ApiNotFoundResponse({ description: 'no such program' })
  @ApiConflictResponse({ description: 'the firm has a program of this name and account size' })
  async updateProgram(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateProgramRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<ProgramResponseDto> {
    return toProgramDto(await this.admin.updateProgram(id, draft(body), user.username));
  }

  @Delete('programs/:id')
  @ApiOkResponse({ type: ProgramResponseDto, description: 'the deleted program' })
  @ApiNotFoundResponse({ description: 'no such program' })
  async deleteProgram(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: Principal,
  ): Promise<ProgramResponseDto> {
    return toProgramDto(await this.admin.deleteProgram(id, user.username));
  }

  @Post('scaling-rules')
  @ApiCreatedResponse({ type: ScalingRuleResponseDto })
  @ApiConflictResponse({ description: 'this step exists for the program' })
  async createRule(
    @Body() body: CreateScalingRuleRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<ScalingRuleResponseDto> {
    return toRuleDto(await this.admin.createRule(draft(body), user.username));
  }

  @Patch('scaling-rules/:id')
  @ApiOkResponse({ type: ScalingRuleResponseDto })
  @ApiNotFoundResponse({ description: 'no such scaling rule' })
  async updateRule(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateScalingRuleRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<ScalingRuleResponseDto> {
    return toRuleDto(await this.admin.updateRule(id, draft(body), user.username));
  }

  @Delete('scaling-rules/:id')
  @ApiOkResponse({ type: ScalingRuleResponseDto, description: 'the deleted rule' })
  @ApiNotFoundResponse({ description: 'no such scaling rule' })
  async deleteRule(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: Principal,
  ): Promise<ScalingRuleResponseDto> {
    return toRuleDto(await this.admin.deleteRule(id, user.username));
  }
}

/** The validated body as a draft: only the fields the caller sent. */
function draft<T>(body: object): Draft<T> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Draft<T>;
}
