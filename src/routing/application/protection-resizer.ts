import { Injectable, Logger } from '@nestjs/common';
import { ConnectorGateway } from '../../connectors/application/ports/connector-gateway.port';
import type { PlatformWorkingOrder } from '../../shared-kernel/platform-state';
import type { ProtectionResizeOutcome, ResizedLeg } from '../../shared-kernel/seed-results';
import type { PositionOrder } from '../domain/position-plan';
import {
  describeLeg,
  FAIL_PROTECTION_RESIZE,
  LegResize,
  planProtectionResize,
  remainingAfterReduce,
} from '../domain/protection-resize';
import type { PlanAccount } from '../domain/routing-plan';
import type { ConnectorOutcome } from '../domain/task-result';

/** A partial reduction that answered SUCCESS in one account, with what was read before it. */
export interface SentReduction {
  account: PlanAccount;
  reduction: PositionOrder;
  /** Contracts held (in `reduction.heldSide`) when the alert was read. */
  heldBefore: number;
  workingBefore: PlatformWorkingOrder[];
  /** The reduction's client order id: each re-placed leg's id derives from it. */
  clientOrderId: string;
}

/**
 * After a partial reduction (README "Alert semantics"), the contract's protective orders are brought down to
 * what is left, so that a stop or target sized for the whole position can never take the account past flat.
 * The position is read again (what is left is what was held less what was sent, or less when the platform
 * shows less); each leg is resized at the platform (ConnectorGateway.resizeOrder) or cancelled when nothing
 * is left for it (planProtectionResize). A leg that cannot be resized leaves the account's result SUCCESS
 * (the reduction went through) with `PROTECTION_RESIZE_FAILED: …`, which the notification outbox turns
 * into an `order.failed` notice. A task processed again after a crash reads a position already reduced
 * and may shrink the legs below what is left; never above it.
 */
@Injectable()
export class ProtectionResizer {
  private readonly log = new Logger('ProtectionResizer');

  constructor(private readonly gateway: ConnectorGateway) {}

  /** The reduction's outcome with its protection resize. Never throws. */
  async resizeAfter(sent: SentReduction, outcome: ConnectorOutcome): Promise<ConnectorOutcome> {
    let resize: ProtectionResizeOutcome;
    try {
      resize = await this.resize(sent);
    } catch (e) {
      // a broken invariant, not a platform answer: recorded, never thrown into the task
      const detail = `protection resize failed: ${(e as Error).message}`;
      resize = { status: 'FAILED', detail, remaining: sent.heldBefore - sent.reduction.quantity, legs: [] };
    }
    if (resize.status !== 'FAILED') return { ...outcome, protection_resize: resize };
    this.log.warn(`${sent.account.label} ${sent.clientOrderId}: ${resize.detail}`);
    return {
      ...outcome,
      error_message: `${FAIL_PROTECTION_RESIZE}: ${resize.detail}`,
      protection_resize: resize,
    };
  }

  private async resize(sent: SentReduction): Promise<ProtectionResizeOutcome> {
    const { account: a, reduction } = sent;
    const read = await this.gateway.readPosition(a.id, a.symbol);
    const fresh = read.status === 'SUCCESS' ? read.position : null;
    const remaining = remainingAfterReduce(
      reduction.heldSide,
      sent.heldBefore,
      reduction.quantity,
      fresh?.netQuantity ?? null,
    );
    const plan = planProtectionResize(
      reduction.heldSide,
      remaining,
      fresh?.workingOrders ?? sent.workingBefore,
    );
    const legs = await Promise.all(plan.map((p) => this.apply(sent, p)));
    const failed = legs.filter((l) => l.status !== 'SUCCESS');
    const left = `${remaining} left`;
    if (legs.length === 0)
      return { status: 'NOT_NEEDED', detail: `${left}: no protective order covers more`, remaining, legs };
    const done = plan
      .filter((_, i) => legs[i].status === 'SUCCESS')
      .map((p) => describeLeg(p.order, p.quantity));
    const notDone = plan.flatMap((p, i) =>
      legs[i].status === 'SUCCESS' ? [] : [`${describeLeg(p.order, p.quantity)}: ${legs[i].error_message}`],
    );
    const detail =
      failed.length === 0
        ? `${left}: ${done.join('; ')}`
        : `${left}, not resized: ${notDone.join('; ')}${done.length ? `; done: ${done.join('; ')}` : ''}`;
    return { status: failed.length === 0 ? 'RESIZED' : 'FAILED', detail, remaining, legs };
  }

  private async apply(sent: SentReduction, p: LegResize): Promise<ResizedLeg> {
    const { account: a } = sent;
    const result =
      p.quantity === 0
        ? await this.gateway.cancelOrder(a.id, p.order.orderId)
        : await this.gateway.resizeOrder(a.id, {
            symbol: a.symbol,
            order: p.order,
            quantity: p.quantity,
            client_order_id: `${sent.clientOrderId}-rs${p.order.orderId}`.slice(0, 128),
          });
    const replaced = result.external_order_id !== null && result.external_order_id !== p.order.orderId;
    return {
      order_id: p.order.orderId,
      side: p.order.side,
      type: p.order.type,
      from: p.order.quantity,
      to: p.quantity,
      status: result.status,
      new_order_id: result.status === 'SUCCESS' && replaced ? result.external_order_id : null,
      error_message:
        result.status === 'SUCCESS' ? null : `${result.status} ${result.error_message ?? ''}`.trim(),
    };
  }
}
