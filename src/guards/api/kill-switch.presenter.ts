import type { HaltView } from '../../risk/application/ports/trading-halts.port';
import type { AccountFlatten } from '../application/kill-switch.service';
import type { FlattenListResponseDto, FlattenOutcomeDto } from './dto/flatten.response.dto';
import type { HaltResponseDto } from './dto/halt.response.dto';

export function toFlattenDto(f: AccountFlatten): FlattenOutcomeDto {
  return {
    account_id: f.accountId,
    account_label: f.accountLabel,
    firm_code: f.firmCode,
    status: f.status,
    closed: f.closed.map((p) => ({ symbol: p.symbol, quantity: p.quantity })),
    cancelled_orders: f.cancelledOrders,
    error: f.error,
    flatten_id: f.flattenId,
  };
}

export function toFlattenListDto(items: AccountFlatten[]): FlattenListResponseDto {
  return {
    total: items.length,
    failed: items.filter((f) => f.status === 'FAILED').length,
    items: items.map(toFlattenDto),
  };
}

export function toHaltDto(h: HaltView): HaltResponseDto {
  return {
    id: h.id,
    firm_code: h.firmCode,
    account_id: h.accountId,
    scope: h.scope,
    reason: h.reason,
    active: h.active,
    expires_at: h.expiresAt?.toISOString() ?? null,
    created_by: h.createdBy,
    created_at: h.createdAt.toISOString(),
    cleared_by: h.clearedBy,
    cleared_at: h.clearedAt?.toISOString() ?? null,
  };
}
