import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AccountsReadService } from '../application/accounts-read.service';
import { AccountsAuditQueryDto } from './dto/accounts.query.dto';
import { AccountsAuditListResponseDto } from './dto/accounts.response.dto';

/** Every accounts write: who, when, what, before and after; credentials only as field names. */
@ApiTags('accounts')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/accounts/audit')
export class AccountsAuditController {
  constructor(private readonly read: AccountsReadService) {}

  @Get()
  @ApiOperation({ summary: 'Every connection and account write, newest first' })
  @ApiOkResponse({ type: AccountsAuditListResponseDto })
  async list(@Query() q: AccountsAuditQueryDto): Promise<AccountsAuditListResponseDto> {
    const page = await this.read.audit(
      { entity: q.entity, entityId: q.entity_id },
      { limit: q.limit, offset: q.offset },
    );
    return {
      total: page.total,
      items: page.items.map((e) => ({
        id: e.id,
        actor: e.actor,
        action: e.action,
        entity: e.entity,
        entity_id: e.entityId,
        before: e.before as Record<string, unknown> | null,
        after: e.after as Record<string, unknown> | null,
        created_at: e.createdAt.toISOString(),
      })),
    };
  }
}
