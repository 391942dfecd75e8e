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
import { KillSwitchAudit } from '../application/kill-switch-audit.service';
import { KillSwitchAuditQueryDto, KillSwitchAuditResponseDto } from './dto/kill-switch-audit.dto';

@ApiTags('kill-switch')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('api/kill-switch')
export class KillSwitchAuditController {
  constructor(private readonly audit: KillSwitchAudit) {}

  /** Who set and cleared which halt and asked for which flatten, when and why, newest first; any role. */
  @Get('audit')
  @ApiOkResponse({ type: KillSwitchAuditResponseDto })
  async list(@Query() q: KillSwitchAuditQueryDto): Promise<KillSwitchAuditResponseDto> {
    const entries = await this.audit.recent(q.limit);
    return {
      items: entries.map((e) => ({
        action: e.action,
        at: e.at.toISOString(),
        by: e.by,
        reason: e.reason,
        scope: e.scope,
        firm_code: e.firmCode,
        account_id: e.accountId,
        halt_id: e.haltId,
        expires_at: e.expiresAt?.toISOString() ?? null,
        flatten_id: e.flattenId,
        cause: e.cause,
        outcome: e.outcome,
        error: e.error,
      })),
    };
  }
}
