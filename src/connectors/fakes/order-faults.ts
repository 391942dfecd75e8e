/**
 * Order faults a loopback fake's order book takes one at a time (issue 14, "Protected entries"), switched
 * through the market's control routes (every fake, no auth), JSON bodies, `times` 1 when absent, 0 clears:
 *   POST /_fake/reject-stop-leg {"times":1}   → the next bracket's stop-loss leg is rejected: the entry is
 *                                               accepted (and fills), the leg ends Rejected and never works
 *   POST /_fake/reject-stop-order {"times":1} → the next stop order placed on its own (not a bracket leg; a
 *                                               stop entry counts) is refused in the platform's own shape
 */
export type OrderFaultKind = 'stop-leg' | 'stop-order';

const ROUTES: Record<string, OrderFaultKind> = {
  'reject-stop-leg': 'stop-leg',
  'reject-stop-order': 'stop-order',
};

export class OrderFaults {
  private pending: Record<OrderFaultKind, number> = { 'stop-leg': 0, 'stop-order': 0 };

  /** True (and one fewer pending) when this order is to be rejected. */
  take(kind: OrderFaultKind): boolean {
    if (this.pending[kind] <= 0) return false;
    this.pending[kind]--;
    return true;
  }

  set(kind: OrderFaultKind, times: number): void {
    this.pending[kind] = Math.max(0, times);
  }

  clear(): void {
    this.pending = { 'stop-leg': 0, 'stop-order': 0 };
  }

  /** The control route `name` (e.g. `reject-stop-leg`); undefined when it is not one of these. */
  control(name: string, body: Record<string, unknown> | null): { status: number; body: unknown } | undefined {
    const kind = ROUTES[name];
    if (!kind) return undefined;
    const times = body?.times ?? 1;
    if (typeof times !== 'number' || !Number.isInteger(times) || times < 0) {
      return { status: 400, body: { error: 'BAD_CONTROL', message: 'times must be a whole number ≥ 0' } };
    }
    this.set(kind, times);
    return { status: 200, body: { fault: name, times } };
  }
}
