import { Inject, Injectable, Logger } from '@nestjs/common';
import Decimal from 'decimal.js';
import { AccountDirectory } from '../../accounts/application/ports/account-directory.port';
import { AccountHalts } from '../../risk/application/ports/account-halts.port';
import { AccountRoomReport, AccountRooms } from '../../risk/application/ports/account-rooms.port';
import { AccountFlattener } from '../../routing/application/ports/account-flattener.port';
import { guardReason, guardTrip } from '../domain/guard-trip';
import { GUARD_SETTINGS, type GuardSettings } from './guard-settings';
import { ClaimedGuardTrip, GuardTrips } from './ports/guard-trips.port';

const MAX_MEMO = 10_000;

/**
 * The guard after the trade (issue 16): an account whose synced equity comes within its buffer of the daily
 * loss limit or the drawdown floor — the risk gate's own numbers (AccountRooms) — is halted (until the firm's
 * trading day ends, or until an operator clears the floor's halt) and flattened (positions closed, working
 * orders cancelled), once per breach: the trip is recorded first (GuardTrips, unique per account, limit and
 * day) and claimed, so checks that see it again, and other processes, add nothing. The halt comes first so
 * that no entry slips in while the flatten runs; exits pass a halt.
 */
@Injectable()
export class AfterTradeGuard {
  private readonly log = new Logger('Guard');
  /** Breaches this process saw finished or held by another: not asked of the database again. */
  private readonly settled = new Set<string>();

  constructor(
    @Inject(GUARD_SETTINGS) private readonly settings: GuardSettings,
    private readonly rooms: AccountRooms,
    private readonly directory: AccountDirectory,
    private readonly trips: GuardTrips,
    private readonly flattener: AccountFlattener,
    private readonly halts: AccountHalts,
  ) {}

  /** Checks one account now (after a platform read was applied); true when the guard acted. */
  async checkAccount(accountId: number): Promise<boolean> {
    const room = await this.rooms.room(accountId);
    return room ? this.checkRoom(room) : false;
  }

  /** Checks one account's room; true when the guard acted on a new breach. */
  async checkRoom(room: AccountRoomReport): Promise<boolean> {
    if (!room.synced) return false;
    const account = await this.directory.account(room.accountId);
    if (!account) return false;
    const fraction =
      account.guardBuffer !== null ? new Decimal(account.guardBuffer) : this.settings.defaultBuffer;
    const trip = guardTrip(room, fraction);
    if (!trip) return false;
    const key = `${room.accountId}:${trip.rule}:${room.tradingDay}`;
    if (this.settled.has(key)) return false;
    const claimed = await this.trips.claim(
      {
        accountId: room.accountId,
        rule: trip.rule,
        tradingDay: room.tradingDay,
        equity: room.equity,
        limit: trip.limit,
        roomLeft: trip.roomLeft,
        buffer: trip.buffer,
        reason: guardReason(trip, fraction),
        haltUntil: trip.haltUntil === 'day_end' ? room.tradingDayEndsAt : null,
      },
      this.settings.holderId,
      this.settings.leaseMs,
    );
    if (this.settled.size >= MAX_MEMO) this.settled.clear();
    this.settled.add(key);
    if (!claimed) return false;
    await this.act(claimed, room.label, room.firmCode);
    return true;
  }

  /** Finishes the trips left unfinished (a failed step due again, a process that died mid-way). */
  async resumeDue(): Promise<number> {
    const due = await this.trips.claimDue(this.settings.holderId, this.settings.leaseMs, 20);
    for (const trip of due) {
      const account = await this.directory.account(trip.accountId);
      await this.act(trip, account?.label ?? `account ${trip.accountId}`, account?.firmCode ?? '');
    }
    return due.length;
  }

  private async act(trip: ClaimedGuardTrip, label: string, firmCode: string): Promise<void> {
    const holder = this.settings.holderId;
    try {
      if (trip.haltId === null) {
        const halt = await this.halts.haltAccount({
          accountId: trip.accountId,
          accountLabel: label,
          firmCode,
          reason: trip.reason,
          by: 'guard',
          expiresAt: trip.haltUntil,
        });
        await this.trips.halted(trip.id, holder, halt.id);
      }
      const outcome = await this.flattener.flatten({
        accountId: trip.accountId,
        cause: 'guard',
        reason: trip.reason,
        requestedBy: 'guard',
      });
      if (outcome.status === 'FAILED') {
        this.log.warn(`account ${label}: guard flatten failed (${outcome.error}); retrying`);
        await this.trips.failed(trip.id, holder, `flatten: ${outcome.error}`, this.settings.retryMs);
        return;
      }
      await this.trips.completed(trip.id, holder, outcome.status, outcome.flattenId);
      this.log.log(`account ${label}: ${trip.reason}`);
    } catch (e) {
      const error = (e as Error).message;
      this.log.warn(`account ${label}: guard step failed (${error}); retrying`);
      await this.trips.failed(trip.id, holder, error, this.settings.retryMs).catch(() => undefined);
    }
  }
}
