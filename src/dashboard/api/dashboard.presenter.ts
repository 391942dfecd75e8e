import type Decimal from 'decimal.js';
import type { AccountCard } from '../application/account-cards.service';
import type { SystemView } from '../application/system-status.service';
import type { AccountCardDto, CardStateDto } from './dto/account-card.dto';
import type { SystemResponseDto } from './dto/system.dto';

const num = (d: Decimal | null): number | null => (d === null ? null : d.toNumber());
const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

export function toCardDto(c: AccountCard): AccountCardDto {
  const a = c.account;
  return {
    account_id: a.id,
    label: a.label,
    firm_code: a.firmCode,
    program_id: a.programId,
    phase: a.phase,
    enabled: a.enabled,
    tags: a.tags,
    source: a.source,
    connection_id: a.connectionId,
    platform: a.platform,
    sync: c.sync && {
      mode: c.sync.mode,
      last_event_at: iso(c.sync.lastEventAt),
      last_error: c.sync.lastError,
      holder: c.sync.leaseUntil && c.sync.leaseUntil > new Date() ? c.sync.holder : null,
    },
    state: toStateDto(c),
    halted: c.halts.length > 0,
    halts: c.halts.map((h) => ({
      id: h.id,
      scope: h.scope,
      reason: h.reason,
      created_by: h.createdBy,
      created_at: h.createdAt.toISOString(),
      expires_at: iso(h.expiresAt),
    })),
    flat_by: c.flatBy && {
      flat_by: c.flatBy.flatBy,
      flat_by_at: c.flatBy.flatByAt.toISOString(),
      reopens_at: c.flatBy.reopensAt.toISOString(),
    },
  };
}

function toStateDto({ overview: o }: AccountCard): CardStateDto | null {
  if (!o) return null;
  return {
    synced: o.synced,
    trading_day: o.tradingDay,
    trading_day_ends_at: o.tradingDayEndsAt.toISOString(),
    balance: o.balance.toNumber(),
    start_of_day_balance: o.startOfDayBalance.toNumber(),
    realized_pnl_today: o.realizedPnlToday.toNumber(),
    open_pnl: o.openPnl.toNumber(),
    pnl_today: o.pnlToday.toNumber(),
    equity: o.equity.toNumber(),
    positions: o.positions.map((p) => ({
      symbol: p.symbol,
      quantity: p.quantity,
      avg_price: num(p.avgPrice),
    })),
    daily_loss_limit: num(o.dailyLossLimit),
    daily_loss_left: num(o.dailyLossLeft),
    drawdown_limit: num(o.drawdownLimit),
    drawdown_left: num(o.drawdownLeft),
    drawdown_floor: num(o.drawdownFloor),
    confirmed_at: iso(o.confirmedAt),
    updated_at: o.updatedAt.toISOString(),
  };
}

export function toSystemDto(s: SystemView): SystemResponseDto {
  return {
    version: s.version,
    mode: s.routing.dryRun ? 'DRY_RUN' : 'LIVE',
    router_enabled: s.routing.routerEnabled,
    started_at: s.startedAt.toISOString(),
    uptime_seconds: s.uptimeSeconds,
    node_version: s.nodeVersion,
    queue: { pending: s.routing.queue.pending, oldest_pending_seconds: s.routing.queue.oldestPendingSeconds },
    accounts: s.accounts,
    config: s.config,
  };
}
