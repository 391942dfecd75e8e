import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ConnectorGateway,
  NormalizedOrder,
  PositionReading,
} from '../../connectors/application/ports/connector-gateway.port';
import { AccountHalts } from '../../risk/application/ports/account-halts.port';
import type { ProtectionOutcome } from '../../shared-kernel/seed-results';
import {
  Coverage,
  describeCoverage,
  protectionOrderId,
  protectionStep,
  ProtectionStep,
} from '../domain/protection';
import type { ConnectorOutcome } from '../domain/task-result';
import type { OrderSend } from './order-executor';
import { ROUTING_SETTINGS, RoutingSettings } from './routing-settings';

/** An entry the platform accepted, as the protection check needs it. */
export interface SentEntry {
  accountId: number;
  accountLabel: string;
  firmCode: string;
  /** The order as sent (symbol, side, quantity, stop_loss, client order id). */
  order: NormalizedOrder;
  externalOrderId: string | null;
}

/** The first wait between reads; each wait doubles, the last read falls on the deadline. */
const FIRST_WAIT_MS = 100;

/** Where the reads of one check ended. */
interface Reading {
  step: ProtectionStep | 'UNREADABLE';
  coverage: Coverage | null;
  error: string | null;
}

/**
 * Protected entries (issue 14): after an entry with a stop loss is accepted, its account's position in the
 * contract and the contract's working orders are read at the platform until working stops cover the whole
 * position, for at most PROTECT_TIMEOUT_MS (reads at 0, 100, 300, 700 ms, … and at the deadline, so a
 * platform with a tight limit such as ProjectX's 200 requests / min is read a handful of times at most).
 * Still uncovered then (a bracket leg rejected or never placed, a partial bracket): the missing stop is
 * placed for the missing quantity at the signal's stop loss. When that fails, or the position cannot be
 * read at all: the account is halted (reason recorded), then the position flattened (gateway exitPosition).
 *
 * Runs after the orders are recorded and sent, so the router's slot is already free; the task completes
 * (and its result is written, with each account's `protection`) once every check has ended. Crash safety:
 * a process dying mid-check leaves the task PROCESSING; when its lease expires it is claimed again, its
 * orders are found settled in `orders` (nothing is sent twice) and the check runs again from a fresh read.
 * A stop placed before the crash is then seen working (PROTECTED); the halt is written before the flatten,
 * so a crash between them leaves the account halted and the next run flattens. The protective orders' client
 * ids derive from the entry's, so the gateway finds one whose answer was lost before sending it again.
 */
@Injectable()
export class EntryProtection {
  private readonly log = new Logger('EntryProtection');

  constructor(
    private readonly gateway: ConnectorGateway,
    private readonly halts: AccountHalts,
    @Inject(ROUTING_SETTINGS) private readonly config: RoutingSettings,
  ) {}

  /** Each accepted entry's outcome with its protection, checked in parallel; other outcomes unchanged (all, when off). */
  protectAll(sends: OrderSend[], outcomes: ConnectorOutcome[]): Promise<ConnectorOutcome[]> {
    if (!this.config.protectEnabled) return Promise.resolve(outcomes);
    return Promise.all(
      outcomes.map(async (outcome, i) => {
        if (outcome.status !== 'SUCCESS') return outcome;
        const { intent } = sends[i];
        const entry: SentEntry = {
          accountId: intent.accountId,
          accountLabel: intent.accountLabel,
          firmCode: intent.firmCode,
          order: intent.rawRequest as NormalizedOrder,
          externalOrderId: outcome.external_order_id,
        };
        return { ...outcome, protection: await this.protect(entry) };
      }),
    );
  }

  /** The protection outcome of one accepted entry. Never throws. */
  async protect(entry: SentEntry): Promise<ProtectionOutcome> {
    const started = performance.now();
    if (entry.order.stop_loss === undefined)
      return outcome('NOT_NEEDED', 'the entry carries no stop loss', started);
    try {
      return await this.conclude(entry, await this.watch(entry, started), started);
    } catch (e) {
      // a broken invariant, not a platform answer: recorded, never thrown into the task
      this.log.error(`Protection of ${entry.order.client_order_id} failed: ${(e as Error).message}`);
      return outcome('UNPROTECTED', `protection check failed: ${(e as Error).message}`, started);
    }
  }

  /** What the last read calls for: a result as it stands, the missing stop, or the flatten and halt. */
  private async conclude(entry: SentEntry, reading: Reading, started: number): Promise<ProtectionOutcome> {
    const c = reading.coverage;
    const seen = c ? { position: c.position, covered: c.covered } : {};
    const after = `after ${Math.round(performance.now() - started)} ms`;
    switch (reading.step) {
      case 'PROTECTED':
        return outcome('PROTECTED', `${describeCoverage(c!)} ${after}`, started, seen);
      case 'NOT_FILLED': {
        const detail = `the entry still works at the platform ${after}: its stop is not confirmed`;
        return outcome('NOT_FILLED', detail, started, seen);
      }
      case 'FLAT': {
        const detail = `no position in the entry's direction ${after} (filled and closed, or none)`;
        return outcome('NOT_NEEDED', detail, started, seen);
      }
      case 'PLACE_STOP':
        return this.placeStop(entry, c!, started);
      default:
        return this.flattenAndHalt(entry, `position unreadable ${after}: ${reading.error}`, null, started);
    }
  }

  /** Reads until covered, or until the deadline has passed and one more read was made. */
  private async watch(entry: SentEntry, started: number): Promise<Reading> {
    const deadline = started + this.config.protectTimeoutMs;
    let wait = FIRST_WAIT_MS;
    for (;;) {
      const read = await this.gateway.readPosition(entry.accountId, entry.order.symbol);
      const timedOut = performance.now() >= deadline;
      const reading = this.assess(entry, read, timedOut);
      if (reading.step !== 'WAIT' && (reading.step !== 'UNREADABLE' || timedOut)) return reading;
      await sleep(Math.min(wait, Math.max(0, deadline - performance.now())));
      wait *= 2;
    }
  }

  private assess(entry: SentEntry, read: PositionReading, timedOut: boolean): Reading {
    if (read.status !== 'SUCCESS') return { step: 'UNREADABLE', coverage: null, error: read.error_message };
    const { step, coverage } = protectionStep(
      {
        entrySide: entry.order.side,
        entryOrderId: entry.externalOrderId,
        netQuantity: read.position.netQuantity,
        workingOrders: read.position.workingOrders,
      },
      timedOut,
    );
    return { step, coverage, error: null };
  }

  private async placeStop(entry: SentEntry, c: Coverage, started: number): Promise<ProtectionOutcome> {
    const stop = {
      symbol: entry.order.symbol,
      side: c.stopSide,
      quantity: c.missing,
      stop_price: entry.order.stop_loss!,
      client_order_id: protectionOrderId(entry.order.client_order_id, 'stop'),
    };
    const placed = await this.gateway.placeStop(entry.accountId, stop);
    const what = `${describeCoverage(c)} when the time was up (${this.config.protectTimeoutMs} ms)`;
    if (placed.status === 'SUCCESS') {
      const detail = `${what}: placed a ${c.stopSide} stop for ${c.missing} at ${stop.stop_price}`;
      this.log.warn(`${entry.accountLabel} ${entry.order.client_order_id}: ${detail}`);
      return outcome('STOP_PLACED', detail, started, {
        position: c.position,
        covered: c.covered,
        stop_order_id: placed.external_order_id,
      });
    }
    const why = `${what}; the missing stop for ${c.missing} failed: ${placed.error_message ?? placed.status}`;
    return this.flattenAndHalt(entry, why, c, started);
  }

  /** Halts the account first (durable before anything else is tried), then flattens the position. */
  private async flattenAndHalt(
    entry: SentEntry,
    why: string,
    c: Coverage | null,
    started: number,
  ): Promise<ProtectionOutcome> {
    const seen = c ? { position: c.position, covered: c.covered } : {};
    const halt = await this.halts
      .haltAccount({
        accountId: entry.accountId,
        accountLabel: entry.accountLabel,
        firmCode: entry.firmCode,
        reason: `entry ${entry.order.client_order_id} left without its stop: ${why}`,
        by: 'protection',
      })
      .then((h) => ({ h, text: `account halted (halt ${h.id}, ${h.scope} scope)` }))
      .catch((e: Error) => ({ h: null, text: `the halt could not be recorded: ${e.message}` }));
    const exit = await this.gateway.exitPosition(entry.accountId, {
      symbol: entry.order.symbol,
      entry_side: entry.order.side,
      quantity: c?.position || entry.order.quantity,
      entry_external_order_id: entry.externalOrderId,
      client_order_id: protectionOrderId(entry.order.client_order_id, 'flatten'),
    });
    const flattened = exit.status === 'SUCCESS';
    const detail = flattened
      ? `${why}; position flattened (${exit.external_order_id}); ${halt.text}`
      : `${why}; flattening failed: ${exit.error_message ?? exit.status}; ${halt.text}`;
    this.log.error(`${entry.accountLabel} ${entry.order.client_order_id}: ${detail}`);
    return outcome(flattened ? 'FLATTENED' : 'UNPROTECTED', detail, started, {
      ...seen,
      halt_id: halt.h?.id ?? null,
    });
  }
}

function outcome(
  status: ProtectionOutcome['status'],
  detail: string,
  started: number,
  extra: Partial<ProtectionOutcome> = {},
): ProtectionOutcome {
  return {
    status,
    detail,
    position: null,
    covered: null,
    stop_order_id: null,
    halt_id: null,
    ...extra,
    elapsed_ms: Math.round(performance.now() - started),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
