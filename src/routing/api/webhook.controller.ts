import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Ip,
  Post,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../platform/auth/auth.decorators';
import { IntakeOutcome, SignalIntake } from '../application/signal-intake.service';
import { SignalRequestDto } from './dto/signal.request.dto';
import {
  ErrorResponseDto,
  SignalDuplicateResponseDto,
  SignalQueuedResponseDto,
} from './dto/signal.response.dto';

/** TradingView (and any HTTP client) posts signals here; the webhook secret replaces user auth. */
@ApiTags('webhooks')
@Public()
@Controller('api/webhooks')
export class WebhookController {
  constructor(private readonly intake: SignalIntake) {}

  @Post(['tradingview', 'signal'])
  @HttpCode(202)
  @ApiConsumes('application/json', 'text/plain')
  @ApiBody({ type: SignalRequestDto })
  @ApiHeader({ name: 'X-Webhook-Secret', required: false, description: 'Or the body field "secret"' })
  @ApiAcceptedResponse({ type: SignalQueuedResponseDto, description: 'Queued (committed)' })
  @ApiOkResponse({
    type: SignalDuplicateResponseDto,
    description:
      'A repeat of an alert accepted within ALERT_DEDUPE_WINDOW_S (README "Repeats and reused trade ids")',
  })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Every problem of the body listed' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Wrong or missing secret' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Sender not in WEBHOOK_ALLOWED_IPS' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'Body over 64 KB' })
  @ApiUnsupportedMediaTypeResponse({
    type: ErrorResponseDto,
    description: 'Body neither application/json nor text/plain',
  })
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: 'No secret configured, or database down',
  })
  async receive(
    @Body() body: unknown,
    @Headers('x-webhook-secret') headerSecret: string | undefined,
    @Headers('content-type') contentType: string | undefined,
    @Ip() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IntakeOutcome> {
    // Nest's Fastify adapter also parses url-encoded forms; a signal is JSON or text/plain JSON only.
    if (!WEBHOOK_MEDIA_TYPES.has(mediaType(contentType))) {
      throw new UnsupportedMediaTypeException('A signal is sent as application/json or text/plain');
    }
    const outcome = await this.intake.receive({ body, headerSecret, ip });
    if (outcome.duplicate) reply.status(200);
    return outcome;
  }
}

const WEBHOOK_MEDIA_TYPES = new Set(['application/json', 'text/plain']);

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}
