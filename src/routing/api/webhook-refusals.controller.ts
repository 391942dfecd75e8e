import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { WebhookRefusalStore } from '../application/ports/webhook-refusal.store.port';
import { WebhookRefusalListDto, WebhookRefusalQueryDto } from './dto/webhook-refusal.dto';

@ApiTags('webhooks')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/webhooks/refused')
export class WebhookRefusalsController {
  constructor(private readonly store: WebhookRefusalStore) {}

  @Get()
  @ApiOperation({
    summary: 'Refused webhook requests, newest first: why an alert "did nothing" (the newest 1,000 are kept)',
  })
  @ApiOkResponse({ type: WebhookRefusalListDto })
  async list(@Query() q: WebhookRefusalQueryDto): Promise<WebhookRefusalListDto> {
    const page = await this.store.list({ limit: q.limit, offset: q.offset, status: q.status });
    return {
      total: page.total,
      items: page.items.map((r) => ({
        id: r.id,
        received_at: r.receivedAt.toISOString(),
        status: r.status,
        reason: r.reason,
        problems: r.problems,
        ip: r.ip,
        path: r.path,
        body: r.body,
        suppressed_before: r.suppressedBefore,
      })),
    };
  }
}
