import { Controller, Get, HttpException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { AppError } from '../errors/app-error';

@ApiTags('health')
@Public()
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly dataSource: DataSource,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: the database answers. The data source is passed in: without it terminus looks it up through a
   * dynamic import of @nestjs/typeorm on the first call, which alone took over 3 s under jest on a busy machine.
   */
  @Get('ready')
  @HealthCheck()
  @ApiServiceUnavailableResponse({ description: 'database unreachable' })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.db.pingCheck('database', { connection: this.dataSource, timeout: 3000 }),
      ]);
    } catch (err) {
      // terminus answers 503 with the failing indicators: keep their reasons in the one error shape
      const failed =
        err instanceof HttpException
          ? (err.getResponse() as { error?: Record<string, { message?: string }> }).error
          : undefined;
      const details = Object.entries(failed ?? {}).map(([name, v]) => `${name}: ${v.message ?? 'down'}`);
      throw new AppError(
        'UNAVAILABLE',
        'Not ready: the database does not answer',
        details.length ? details : undefined,
      );
    }
  }
}
