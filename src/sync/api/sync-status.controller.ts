import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { SyncStore } from '../application/ports/sync-store.port';
import { ConnectionSyncListDto } from './dto/sync-status.response.dto';

@ApiTags('sync')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/sync')
export class SyncStatusController {
  constructor(private readonly store: SyncStore) {}

  /** Each connection's sync: streaming, polling or down; when the platform last answered; the last error. */
  @Get('status')
  @ApiOkResponse({ type: ConnectionSyncListDto })
  async list(): Promise<ConnectionSyncListDto> {
    const items = (await this.store.list()).map((s) => ({
      connection_id: s.connectionId,
      mode: s.mode,
      holder: s.leaseUntil && s.leaseUntil > new Date() ? s.holder : null,
      lease_until: s.leaseUntil?.toISOString() ?? null,
      last_event_at: s.lastEventAt?.toISOString() ?? null,
      last_error: s.lastError,
      updated_at: s.updatedAt.toISOString(),
    }));
    return { total: items.length, items };
  }
}
