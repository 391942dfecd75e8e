import { ContractCatalog } from '../../sizing/application/ports/contract-catalog.port';
import { Inject, Injectable } from '@nestjs/common';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { AppError } from '../../platform/errors/app-error';
import { jsonDepthProblem, jsonTooDeep } from '../../platform/input/json-depth';
import { LiveEvents } from '../../platform/live/live-events';
import { StageTrace } from '../../platform/metrics/stage-trace';
import { normalizeSignal } from '../domain/normalize-signal';
import { alertKey, AlertKey, readAlertTime } from '../domain/alert-dedupe';
import { present } from '../domain/signal-fields';
import { isKeyValueText, parseKeyValueText } from '../domain/crosstrade-text';
import { unsizableEntryProblem, unsupportedStopProblems } from '../domain/intake-checks';
import { targetsOf } from '../domain/signal-targets';
import type { Signal } from '../domain/signal';
import { ROUTING_SETTINGS, RoutingSettings } from './routing-settings';
import { TaskHandoff } from './ports/task-handoff.port';
import { EnqueueOutcome, TaskQueue } from './ports/task-queue.port';
import { WebhookAccess } from './webhook-access';

export interface IncomingSignal {
  /** Parsed JSON, or the raw text of a text/plain body. */
  body: unknown;
  headerSecret: string | undefined;
  ip: string;
}

export type IntakeOutcome =
  | { status: 'queued'; task_id: number; trade_id: string; duplicate: false }
  | { status: 'duplicate'; task_id: number; duplicate: true };

/**
 * Webhook intake: access, validation, one committed insert. Never waits for routing: a task handed off to
 * this process's router (inserted already leased to it) starts after the insert, beside the answer.
 */
@Injectable()
export class SignalIntake {
  private readonly access: WebhookAccess;

  constructor(
    private readonly queue: TaskQueue,
    private readonly handoff: TaskHandoff,
    private readonly directory: AccountDirectory,
    @Inject(ROUTING_SETTINGS) private readonly config: RoutingSettings,
    private readonly contracts: ContractCatalog,
    private readonly live: LiveEvents,
    private readonly trace: StageTrace,
  ) {
    this.access = new WebhookAccess(config.webhookSecrets, config.allowedSenders);
  }

  async receive(input: IncomingSignal): Promise<IntakeOutcome> {
    const receivedAt = this.trace.enabled ? this.trace.now() : 0;
    this.access.assertOpenTo(input.ip);
    const { body, problems } = parseBody(input.body);
    this.access.assertSecret(input.headerSecret ?? (body as { secret?: unknown }).secret);
    // relative stops and targets (ticks, $ per contract) are placed with the alert symbol's contract spec
    const normalized = normalizeSignal(body, undefined, (symbol) => this.contracts.spec(symbol));
    const alertTime = readAlertTime(body, problems);
    if (!normalized.ok || problems.length > 0)
      throw AppError.validation([...problems, ...(normalized.ok ? [] : normalized.problems)]);
    const { signal } = normalized;
    const validatedAt = this.trace.enabled ? this.trace.now() : 0;
    await this.assertRoutable(signal);
    const routableAt = this.trace.enabled ? this.trace.now() : 0;
    const key = alertKey(signal, present(body.trade_id), alertTime);
    const { taskId, duplicate, committedAt } = await this.enqueue(signal, key);
    if (!duplicate) {
      if (this.trace.enabled) this.traced(taskId, [receivedAt, validatedAt, routableAt, committedAt]);
      this.announce(taskId, signal);
    }
    return duplicate
      ? { status: 'duplicate', task_id: taskId, duplicate: true }
      : { status: 'queued', task_id: taskId, trade_id: signal.trade_id, duplicate: false };
  }

  /**
   * An alert sure to fail is refused (400) naming every problem, so that TradingView's alert log shows it: an
   * account label, tag or firm code no account has, or an entry no targeted account can size.
   */
  private async assertRoutable(signal: Signal): Promise<void> {
    const unknown = await this.directory.unknownNames({
      accounts: signal.accounts,
      tags: signal.account_tags,
      firmCodes: signal.firm_codes,
      programIds: [],
    });
    const problems = [
      ...unknown.accounts.map((a) => `accounts: no account is labelled "${a}" (or has that id)`),
      ...unknown.tags.map((t) => `account_tags: no account has the tag "${t}"`),
      ...unknown.firmCodes.map(
        (f) =>
          `firm_codes: no account is at the firm "${f}" (add one, or set ${f}_ENABLED for its env account)`,
      ),
    ];
    if (problems.length === 0 && (!canSizeWithoutTargets(signal) || asksStopFeature(signal)))
      problems.push(...(await this.targetProblems(signal)));
    if (problems.length > 0) throw AppError.validation(problems);
  }

  /**
   * Read only for an entry without a quantity or without a stop loss and entry price, or one asking for a
   * trailing stop or a break-even move (rare: no read otherwise): what no targeted account can size, and what
   * a targeted account's platform cannot do.
   */
  private async targetProblems(signal: Signal): Promise<string[]> {
    const found = await this.directory.resolveTargets(targetFilterOf(signal));
    if (!found.ok) return [];
    const views = found.accounts.map((a) => ({
      label: a.label,
      mode: a.programId === null ? ('env' as const) : a.sizing.mode,
    }));
    const sizing = canSizeWithoutTargets(signal) ? null : unsizableEntryProblem(signal, views);
    return [...(sizing ? [sizing] : []), ...unsupportedStopProblems(signal, found.accounts)];
  }

  private traced(taskId: number, [received, validated, routable, committed]: number[]): void {
    this.trace.mark(taskId, 'received', received);
    this.trace.mark(taskId, 'validated', validated);
    this.trace.mark(taskId, 'routable', routable);
    this.trace.mark(taskId, 'committed', committed);
  }

  private announce(taskId: number, signal: Signal): void {
    this.live.publish('task.received', {
      task_id: taskId,
      trade_id: signal.trade_id,
      event_type: signal.event_type,
      symbol: signal.symbol,
      side: signal.side,
    });
  }

  /** With a router slot offered, the route's reads start beside the insert, on another connection. */
  private async enqueue(signal: Signal, key: AlertKey): Promise<EnqueueOutcome & { committedAt: number }> {
    const handoff = this.handoff.offer(signal);
    let outcome: EnqueueOutcome | null = null;
    try {
      outcome = await this.queue.enqueue(signal, {
        key,
        dedupeWindowS: this.config.dedupeWindowS,
        notify: this.config.notify,
        leaseTo: handoff?.lease ?? null,
      });
      return { ...outcome, committedAt: this.trace.enabled ? this.trace.now() : 0 };
    } finally {
      handoff?.settle(outcome?.claimed ?? null);
    }
  }
}

/** Whether any account could size the entry whatever its mode (a quantity, or a stop with an entry price). */
function canSizeWithoutTargets(s: Signal): boolean {
  return s.event_type !== 'entry' || s.quantity !== null || (s.stop_loss !== null && s.entry_price !== null);
}

function asksStopFeature(s: Signal): boolean {
  return s.event_type === 'entry' && (!!s.trail_distance || !!s.break_even_ticks);
}

function targetFilterOf(s: Signal) {
  const t = targetsOf(s);
  return { accounts: t.accounts, tags: t.account_tags, firmCodes: t.firm_codes, programIds: t.program_ids };
}

/**
 * TradingView posts text/plain when the alert message is not recognised as JSON; it may still be JSON, or
 * CrossTrade's `key=value;` text (read into fields; its problems are listed with the normalizer's).
 */
function parseBody(body: unknown): { body: Record<string, unknown>; problems: string[] } {
  if (typeof body === 'string' && isKeyValueText(body)) return parseKeyValueText(body);
  let value = body;
  if (typeof body === 'string') {
    // The cap application/json bodies get at parse time: the reviver below recurses once per level.
    if (jsonTooDeep(body)) throw AppError.validation([jsonDepthProblem()]);
    try {
      value = JSON.parse(body, refusePoisoning);
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw AppError.validation([
        'body: must be a JSON object or key=value; pairs (the text/plain body is neither)',
      ]);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw AppError.validation(['body: must be a JSON object']);
  }
  return { body: value as Record<string, unknown>, problems: [] };
}

/** The same refusal Fastify's JSON parser applies to application/json: no `__proto__`, no `constructor.prototype`. */
function refusePoisoning(this: unknown, key: string, value: unknown): unknown {
  if (
    key === '__proto__' ||
    (key === 'constructor' && typeof value === 'object' && value !== null && 'prototype' in value)
  ) {
    throw AppError.validation([`body: the key "${key}" is not allowed`]);
  }
  return value;
}
