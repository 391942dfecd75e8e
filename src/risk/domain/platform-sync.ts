import Decimal from 'decimal.js';
import { AccountState, PositionLine, rollTo } from './account-state';
import { BookFill, Exact, netIntoBook, signedTotal } from './position-book';

/** A platform fill not applied before (its fill id was new), with the trading day it belongs to. */
export interface SyncedFill extends BookFill {
  fillId: string;
  filledAt: Date;
  /** `YYYY-MM-DD`, the firm's trading day of `filledAt`. */
  tradingDay: string;
}

/** What one read of the platform says about the account, parsed. Null: the platform did not report it. */
export interface PlatformReading {
  balance: Decimal | null;
  openPnl: Decimal | null;
  positions: PositionLine[];
  /** Platform and client ids of the working orders. */
  workingOrderRefs: string[];
  readAt: Date;
  /** The root of a position's symbol (the single-position fields name roots); null when unknown. */
  rootOf: (symbol: string) => string | null;
}

export interface SyncOutcome {
  state: AccountState;
  /** Realized P&L of the new fills booked into today's P&L (fills of today's trading day). */
  realizedToday: Decimal;
  /** Realized P&L of all the new fills (earlier trading days included). */
  realizedTotal: Decimal;
}

/**
 * Folds one platform read into the stored state (the caller passes only the fills whose ids were new):
 * the day is rolled; the new fills, oldest first, are netted into the state's fill book and their realized
 * P&L is booked into today's P&L only when they belong to today's trading day (an earlier day's late fill
 * moves the start-of-day balance instead); the platform's balance and open P&L are truth when reported
 * (else the balance moves by the realized P&L); positions are the platform's; the intraday high-water mark
 * rises to balance + open P&L. A state that was manual starts today's P&L and its book afresh: the
 * platform's fills replace what an operator typed, never add to it. All sums exact.
 */
export function foldPlatformRead(
  stored: AccountState,
  newFills: readonly SyncedFill[],
  reading: PlatformReading,
  today: string,
  now: Date,
): SyncOutcome {
  const rolled = rollTo(stored, today);
  const wasManual = stored.source === 'manual';
  const base = wasManual ? { ...rolled, realizedPnlToday: new Decimal(0), fillBook: [] } : rolled;
  const booked = bookFills(base.fillBook, newFills, today);
  const view = platformView(base, reading, booked.total, isOutdated(stored, reading), now);
  const realizedPnlToday = new Decimal(new Exact(base.realizedPnlToday).plus(booked.today));
  const startOfDayBalance =
    wasManual && reading.balance !== null
      ? new Decimal(new Exact(view.balance).minus(realizedPnlToday))
      : new Decimal(new Exact(base.startOfDayBalance).plus(booked.earlier));
  const single = view.positions.length === 1 ? view.positions[0] : null;
  const state: AccountState = {
    ...base,
    ...view,
    startOfDayBalance,
    realizedPnlToday,
    highWaterMarkIntraday: Decimal.max(
      base.highWaterMarkIntraday,
      new Exact(view.balance).plus(view.openPnl),
    ),
    fillBook: booked.positions,
    openContracts: signedTotal(view.positions),
    avgPrice: single?.avgPrice ?? null,
    positionSymbol: single ? reading.rootOf(single.symbol) : null,
    source: 'platform',
    updatedAt: now,
  };
  return { state, realizedToday: booked.today, realizedTotal: booked.total };
}

type View = Pick<AccountState, 'balance' | 'openPnl' | 'positions' | 'workingOrderRefs' | 'confirmedAt'>;

/** A read older than the one the state was last confirmed by (a late poll): its fills count, its picture not. */
function isOutdated(stored: AccountState, reading: PlatformReading): boolean {
  return stored.source === 'platform' && stored.confirmedAt !== null && reading.readAt < stored.confirmedAt;
}

/**
 * The platform's picture: its balance and open P&L when reported (else the balance moves by the new fills'
 * realized P&L, and the open P&L stays, 0 once flat), positions, working orders, the read's instant (never
 * later than now). An outdated read keeps the newer picture; only a balance it never had moves by its fills.
 */
function platformView(
  base: AccountState,
  reading: PlatformReading,
  realized: Decimal,
  outdated: boolean,
  now: Date,
): View {
  const moved = new Decimal(new Exact(base.balance).plus(realized));
  if (outdated) {
    return {
      balance: reading.balance === null ? moved : base.balance,
      openPnl: base.openPnl,
      positions: base.positions,
      workingOrderRefs: base.workingOrderRefs,
      confirmedAt: base.confirmedAt,
    };
  }
  const flat = reading.positions.length === 0;
  return {
    balance: reading.balance ?? moved,
    openPnl: reading.openPnl ?? (flat ? new Decimal(0) : base.openPnl),
    positions: reading.positions,
    workingOrderRefs: reading.workingOrderRefs,
    confirmedAt: reading.readAt < now ? reading.readAt : now,
  };
}

interface Booked {
  positions: PositionLine[];
  today: Decimal;
  earlier: Decimal;
  total: Decimal;
}

/** The new fills in the order they happened (then by id), netted one by one; realized P&L split by day. */
export function bookFills(positions: PositionLine[], fills: readonly SyncedFill[], today: string): Booked {
  const ordered = [...fills].sort(
    (a, b) =>
      a.filledAt.getTime() - b.filledAt.getTime() || (a.fillId < b.fillId ? -1 : a.fillId > b.fillId ? 1 : 0),
  );
  let book = positions;
  let todays = new Exact(0);
  let earlier = new Exact(0);
  for (const fill of ordered) {
    const { positions: next, realized } = netIntoBook(book, fill);
    book = next;
    if (realized === null) continue;
    if (fill.tradingDay < today) earlier = earlier.plus(realized);
    else todays = todays.plus(realized);
  }
  return {
    positions: book,
    today: new Decimal(todays),
    earlier: new Decimal(earlier),
    total: new Decimal(todays.plus(earlier)),
  };
}
