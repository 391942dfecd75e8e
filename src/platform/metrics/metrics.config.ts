import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { validateEnv } from '../config/validate-env';

/** `METRICS_PORT`: also serve `/metrics` without authentication on 127.0.0.1:<port> (unset: only the API's). */
export class MetricsEnv {
  @IsOptional() @IsInt() @Min(1) @Max(65535) METRICS_PORT?: number;
}

export function readMetricsPort(env: Record<string, string | undefined>): number | null {
  return validateEnv(MetricsEnv, env).METRICS_PORT ?? null;
}
