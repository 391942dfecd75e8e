import { performance } from 'node:perf_hooks';
import type { LoggerService } from '@nestjs/common';
import type { AlertKey } from '../../domain/alert-dedupe';
import { PgSql } from '../../../platform/database/pg-sql';
import { PURGE_KEYS } from './task-queue.sql';

const PURGE_EVERY_MS = 60_000;

/** The key's columns in alert_dedupe, as INSERT_MANY and REPEATED read them ('' trade_id: keyed by its body). */
export function keyColumns(key: AlertKey) {
  return {
    event_type: key.event_type,
    key_trade_id: key.trade_id,
    body_hash: key.body_hash,
    alert_time: key.alert_time,
  };
}

/** Keys older than the window catch nothing: dropped at most once a minute per process, never delaying an answer. */
export class AlertKeyPurge {
  private last = -Infinity;
  private running = false;

  constructor(
    private readonly sql: PgSql,
    private readonly log: LoggerService,
  ) {}

  purgeNowAndThen(windowS: number): void {
    const now = performance.now();
    if (this.running || now - this.last < PURGE_EVERY_MS) return;
    this.last = now;
    this.running = true;
    this.sql
      .query(PURGE_KEYS, [windowS])
      .catch((e: Error) => this.log.warn(`Purging alert_dedupe failed: ${e.message}`))
      .finally(() => (this.running = false));
  }
}
