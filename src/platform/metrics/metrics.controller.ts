import { Controller, Get, Header } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { Metrics } from './metrics';

/**
 * `GET /metrics`: the Prometheus text exposition, protected like the API (a viewer's JWT or an API key:
 * `Authorization: Bearer pr_…` in Prometheus' `authorization` scrape setting). With METRICS_PORT set the same
 * text is also served unauthenticated on 127.0.0.1 only (metrics-server.ts).
 */
@ApiTags('metrics')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format 0.0.4)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The Prometheus text exposition' })
  async scrape(): Promise<string> {
    return this.metrics.render();
  }
}
