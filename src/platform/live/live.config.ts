import { registerAs } from '@nestjs/config';
import { IsInt, Max, Min } from 'class-validator';
import { validateEnv } from '../config/validate-env';

/** The live event stream (GET /api/events). */
export class LiveEnv {
  /** A comment line this often on every open stream, so that proxies and idle timeouts keep it open. */
  @IsInt() @Min(1000) @Max(60_000) EVENTS_HEARTBEAT_MS: number = 15_000;
  /** Published events are sent to the database (NOTIFY) in batches this often. */
  @IsInt() @Min(5) @Max(1000) EVENTS_FLUSH_MS: number = 50;
  /** More events than this in one batch are replaced by one `resync` (the dashboards read afresh). */
  @IsInt() @Min(10) @Max(100_000) EVENTS_MAX_PER_FLUSH: number = 500;
  /** Open streams per process; one more is refused with 503. */
  @IsInt() @Min(1) @Max(10_000) EVENTS_MAX_STREAMS: number = 200;
}

export type LiveSettings = LiveEnv;
export const liveConfig = registerAs('live', () => validateEnv(LiveEnv, process.env));
