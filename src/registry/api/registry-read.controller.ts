import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { ParseIdPipe } from '../../platform/http/parse-id.pipe';
import { RegistryReadService } from '../application/registry-read.service';
import {
  AuditQueryDto,
  FirmListQueryDto,
  ProgramListQueryDto,
  ScalingRuleListQueryDto,
} from './dto/registry.query.dto';
import {
  AuditListResponseDto,
  FirmListResponseDto,
  FirmSummaryResponseDto,
  ProgramListResponseDto,
  ProgramResponseDto,
  ScalingRuleListResponseDto,
  ScalingRuleResponseDto,
} from './dto/registry.response.dto';
import { toAuditDto, toFirmSummaryDto, toProgramDto, toRuleDto } from './registry.presenter';

/** Seed Stage 13's read-only registry API, with its response shapes; any logged-in user. */
@ApiTags('registry')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/prop-registry')
export class RegistryReadController {
  constructor(private readonly registry: RegistryReadService) {}

  @Get('firms')
  @ApiOperation({ summary: 'Active firms with program count and account-size range' })
  @ApiOkResponse({ type: FirmListResponseDto })
  async listFirms(@Query() q: FirmListQueryDto): Promise<FirmListResponseDto> {
    const firms = (await this.registry.firms(q.include_inactive ?? false)).map(toFirmSummaryDto);
    return { status: 'success', count: firms.length, firms };
  }

  @Get('firms/:id')
  @ApiOkResponse({ type: FirmSummaryResponseDto })
  @ApiNotFoundResponse({ description: 'no such firm' })
  async getFirm(@Param('id', ParseIdPipe) id: number): Promise<FirmSummaryResponseDto> {
    return toFirmSummaryDto(await this.registry.firm(id));
  }

  @Get('programs')
  @ApiOperation({ summary: 'Programs, optionally of one firm' })
  @ApiOkResponse({ type: ProgramListResponseDto })
  async listPrograms(@Query() q: ProgramListQueryDto): Promise<ProgramListResponseDto> {
    const programs = (await this.registry.programs(q.firm_id)).map(toProgramDto);
    return { status: 'success', count: programs.length, programs };
  }

  @Get('programs/:id')
  @ApiOkResponse({ type: ProgramResponseDto })
  @ApiNotFoundResponse({ description: 'no such program' })
  async getProgram(@Param('id', ParseIdPipe) id: number): Promise<ProgramResponseDto> {
    return toProgramDto(await this.registry.program(id));
  }

  @Get('scaling-rules')
  @ApiOperation({ summary: 'Scaling rules, optionally of one program' })
  @ApiOkResponse({ type: ScalingRuleListResponseDto })
  async listRules(@Query() q: ScalingRuleListQueryDto): Promise<ScalingRuleListResponseDto> {
    const rules = (await this.registry.rules(q.program_id)).map(toRuleDto);
    return { status: 'success', count: rules.length, rules };
  }

  @Get('scaling-rules/:id')
  @ApiOkResponse({ type: ScalingRuleResponseDto })
  @ApiNotFoundResponse({ description: 'no such scaling rule' })
  async getRule(@Param('id', ParseIdPipe) id: number): Promise<ScalingRuleResponseDto> {
    return toRuleDto(await this.registry.rule(id));
  }

  @Get('audit')
  @ApiOperation({ summary: 'Every registry write: who, when, what, before and after (newest first)' })
  @ApiOkResponse({ type: AuditListResponseDto })
  async listAudit(@Query() q: AuditQueryDto): Promise<AuditListResponseDto> {
    const page = await this.registry.audit({
      entity: q.entity,
      entityId: q.entity_id,
      limit: q.limit,
      offset: q.offset,
    });
    return { total: page.total, items: page.items.map(toAuditDto) };
  }
}
