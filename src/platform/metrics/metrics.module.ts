import { Global, Module } from '@nestjs/common';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { MetricsServer } from './metrics-server';
import { StageTrace } from './stage-trace';

/** Prometheus metrics (issue 18): one registry per app, `GET /metrics`, and the optional local port. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [Metrics, MetricsServer, StageTrace],
  exports: [Metrics, StageTrace],
})
export class MetricsModule {}
