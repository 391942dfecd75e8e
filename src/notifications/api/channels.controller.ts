import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
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
import { PageQueryDto } from '../../platform/http/page.query.dto';
import { ParseIdPipe } from '../../platform/http/parse-id.pipe';
import { ChannelAdminService } from '../application/channel-admin.service';
import type { StoredChannel } from '../application/ports/channel-store.port';
import { toChannelDto, toDeliveryDto } from './channels.presenter';
import { DeliveriesQueryDto } from './dto/deliveries.query.dto';
import {
  ChannelDeliveryListResponseDto,
  ChannelListResponseDto,
  ChannelResponseDto,
  ChannelTestResponseDto,
} from './dto/channel.response.dto';
import { CreateChannelRequestDto, UpdateChannelRequestDto } from './dto/channel-write.request.dto';

/** The validated body as a draft: only the fields the caller sent. */
function draft(body: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

/**
 * Notification channels. Any logged-in user reads; writes (and test messages) need the admin role (the
 * global guard). Secrets are write-only: answers say `secrets_set`, never a value.
 */
@ApiTags('notifications')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/notifications/channels')
export class ChannelsController {
  constructor(private readonly admin: ChannelAdminService) {}

  private async dto(c: StoredChannel): Promise<ChannelResponseDto> {
    const counts = await this.admin.deliveryCounts([c.id]);
    return toChannelDto(c, this.admin.failingAfter(), this.admin.secretNames(c), counts.get(c.id));
  }

  @Get()
  @ApiOperation({ summary: 'Notification channels, by id, with their health' })
  @ApiOkResponse({ type: ChannelListResponseDto })
  async list(@Query() q: PageQueryDto): Promise<ChannelListResponseDto> {
    const page = await this.admin.list({ limit: q.limit, offset: q.offset });
    const counts = await this.admin.deliveryCounts(page.items.map((c) => c.id));
    return {
      total: page.total,
      items: page.items.map((c) =>
        toChannelDto(c, this.admin.failingAfter(), this.admin.secretNames(c), counts.get(c.id)),
      ),
    };
  }

  @Get(':id')
  @ApiOkResponse({ type: ChannelResponseDto })
  @ApiNotFoundResponse({ description: 'no such channel' })
  async get(@Param('id', ParseIdPipe) id: number): Promise<ChannelResponseDto> {
    return this.dto(await this.admin.get(id));
  }

  @Post()
  @ApiCreatedResponse({ type: ChannelResponseDto })
  @ApiBadRequestResponse({ description: 'every invalid field, listed in details' })
  @ApiForbiddenResponse({ description: 'needs the admin role' })
  @ApiConflictResponse({ description: 'a channel with this name exists' })
  async create(@Body() body: CreateChannelRequestDto): Promise<ChannelResponseDto> {
    return this.dto(await this.admin.create(draft(body)));
  }

  @Patch(':id')
  @ApiOkResponse({ type: ChannelResponseDto })
  @ApiBadRequestResponse({ description: 'every invalid field, listed in details' })
  @ApiForbiddenResponse({ description: 'needs the admin role' })
  @ApiNotFoundResponse({ description: 'no such channel' })
  @ApiConflictResponse({ description: 'the name is taken' })
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateChannelRequestDto,
  ): Promise<ChannelResponseDto> {
    return this.dto(await this.admin.update(id, draft(body)));
  }

  @Delete(':id')
  @ApiOkResponse({
    type: ChannelResponseDto,
    description: 'the deleted channel (its pending deliveries are dropped)',
  })
  @ApiForbiddenResponse({ description: 'needs the admin role' })
  @ApiNotFoundResponse({ description: 'no such channel' })
  async delete(@Param('id', ParseIdPipe) id: number): Promise<ChannelResponseDto> {
    const deleted = await this.admin.delete(id);
    return toChannelDto(deleted, this.admin.failingAfter(), this.admin.secretNames(deleted));
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary:
      "A channel's latest deliveries, newest first: each event's kind and title, status, attempts, error",
  })
  @ApiOkResponse({ type: ChannelDeliveryListResponseDto })
  @ApiNotFoundResponse({ description: 'no such channel' })
  async deliveries(
    @Param('id', ParseIdPipe) id: number,
    @Query() q: DeliveriesQueryDto,
  ): Promise<ChannelDeliveryListResponseDto> {
    return { items: (await this.admin.recentDeliveries(id, q.limit)).map(toDeliveryDto) };
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sends a test message now and answers with how the delivery went' })
  @ApiOkResponse({ type: ChannelTestResponseDto, description: 'sent or not: `ok`, and `error` when not' })
  @ApiForbiddenResponse({ description: 'needs the admin role' })
  @ApiNotFoundResponse({ description: 'no such channel' })
  async test(@Param('id', ParseIdPipe) id: number): Promise<ChannelTestResponseDto> {
    const r = await this.admin.test(id);
    return {
      ok: r.ok,
      status: r.status,
      error: r.ok ? null : r.error,
      retry_after_ms: r.ok ? null : r.retryAfterMs,
      channel: await this.dto(r.channel),
    };
  }
}
