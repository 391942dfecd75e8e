import { Controller, Get, Headers, Inject, OnModuleDestroy, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiProduces,
  ApiSecurity,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error';
import { ErrorResponseDto } from '../http/error-response.dto';
import { LIVE_EVENT_DATA, LiveEventMessageDto } from './live-event.dto';
import { LiveEventFeed } from './live-events';
import { liveConfig, LiveSettings } from './live.config';
import { SseStream } from './sse.stream';

@ApiTags('events')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@ApiExtraModels(LiveEventMessageDto, ...LIVE_EVENT_DATA)
@Controller('api/events')
export class LiveEventsController implements OnModuleDestroy {
  private readonly streams = new Set<SseStream>();

  constructor(
    private readonly feed: LiveEventFeed,
    @Inject(liveConfig.KEY) private readonly settings: LiveSettings,
  ) {}

  /**
   * Server-Sent Events: task, order, account, halt, sync and refused-webhook events as they happen, from
   * every process sharing the database. Authenticated like the API (an `Authorization` header: read it with
   * fetch, not EventSource); any role. Each message: `id:`, `event:` (its type) and `data:` (a
   * LiveEventMessage as JSON); `: ping` every EVENTS_HEARTBEAT_MS.
   */
  @Get()
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume after this event: what was missed is sent first, or a `reset` event when unknown',
  })
  @ApiOkResponse({
    description: 'An endless text/event-stream; each data line is a LiveEventMessageDto',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'too many open streams' })
  stream(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Headers('last-event-id') lastEventId?: string,
  ): void {
    if (this.streams.size >= this.settings.EVENTS_MAX_STREAMS)
      throw new AppError('UNAVAILABLE', `Too many open event streams (${this.settings.EVENTS_MAX_STREAMS})`);
    let unsubscribe = () => {};
    const stream = new SseStream(reply.raw, this.settings.EVENTS_HEARTBEAT_MS, () => {
      unsubscribe();
      this.streams.delete(stream);
    });
    this.streams.add(stream);
    reply.hijack();
    stream.open(sseHeaders(reply, req.id));
    const subscription = this.feed.subscribe((e) => stream.send(e), lastEventId);
    unsubscribe = subscription.unsubscribe;
    const { resume } = subscription;
    stream.message('ready', { resumed: resume !== 'reset' && lastEventId !== undefined });
    if (resume === 'reset')
      stream.message('reset', { reason: 'Last-Event-ID is not known here: read afresh' });
    else resume.forEach((e) => stream.send(e));
  }

  /** Open streams end with the app, so that its HTTP server can close. */
  onModuleDestroy(): void {
    for (const stream of [...this.streams]) stream.end();
  }

  openStreams(): number {
    return this.streams.size;
  }
}

/** The security headers set so far (helmet's, on request) and the stream's own. */
function sseHeaders(reply: FastifyReply, requestId: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) headers[k] = String(v);
  return {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': requestId,
  };
}
