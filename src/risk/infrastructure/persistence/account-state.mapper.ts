import Decimal from 'decimal.js';
import type { AccountState, PositionLine } from '../../domain/account-state';
import { AccountStateEntity, PositionJson } from './account-state.entity';

export class AccountStateMapper {
  static toDomain(e: AccountStateEntity): AccountState {
    return {
      firmCode: e.firmCode,
      programId: e.programId,
      accountId: e.accountId,
      balance: new Decimal(e.balance),
      startOfDayBalance: new Decimal(e.startOfDayBalance),
      realizedPnlToday: new Decimal(e.realizedPnlToday),
      openPnl: new Decimal(e.openPnl),
      highWaterMarkEod: new Decimal(e.highWaterMarkEod),
      highWaterMarkIntraday: new Decimal(e.highWaterMarkIntraday),
      openContracts: e.openContracts,
      avgPrice: e.avgPrice === null ? null : new Decimal(e.avgPrice),
      positionSymbol: e.positionSymbol,
      positions: fromJson(e.positions),
      fillBook: fromJson(e.fillBook),
      source: e.source ?? 'manual',
      confirmedAt: e.confirmedAt ?? null,
      workingOrderRefs: e.workingOrderRefs ?? [],
      tradingDay: dateOnly(e.tradingDay),
      updatedAt: e.updatedAt,
    };
  }

  static toEntity(s: AccountState): AccountStateEntity {
    const e = new AccountStateEntity();
    e.firmCode = s.firmCode;
    e.programId = s.programId;
    e.accountId = s.accountId;
    e.balance = s.balance.toString();
    e.startOfDayBalance = s.startOfDayBalance.toString();
    e.realizedPnlToday = s.realizedPnlToday.toString();
    e.openPnl = s.openPnl.toString();
    e.highWaterMarkEod = s.highWaterMarkEod.toString();
    e.highWaterMarkIntraday = s.highWaterMarkIntraday.toString();
    e.openContracts = s.openContracts;
    e.avgPrice = s.avgPrice === null ? null : s.avgPrice.toString();
    e.positionSymbol = s.positionSymbol;
    e.positions = toJson(s.positions);
    e.fillBook = toJson(s.fillBook);
    e.source = s.source;
    e.confirmedAt = s.confirmedAt;
    e.workingOrderRefs = s.workingOrderRefs;
    e.tradingDay = s.tradingDay;
    e.updatedAt = s.updatedAt;
    return e;
  }
}

/** A DATE column as `YYYY-MM-DD`, whether the driver hands over a string or a local-midnight Date. */
function dateOnly(value: string | Date): string {
  if (typeof value === 'string') return value.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

function fromJson(lines: PositionJson[] | null | undefined): PositionLine[] {
  return (lines ?? []).map((p) => ({
    symbol: p.symbol,
    netQuantity: p.net_quantity,
    avgPrice: p.avg_price === null ? null : new Decimal(p.avg_price),
  }));
}

function toJson(lines: PositionLine[]): PositionJson[] {
  return lines.map((p) => ({
    symbol: p.symbol,
    net_quantity: p.netQuantity,
    avg_price: p.avgPrice === null ? null : p.avgPrice.toFixed(),
  }));
}
