/**
 * A kill switch. Its reach: every firm (`firmCode` and `accountId` null), one firm (`firmCode`), or one
 * trading account (`accountId`; `firmCode` then names the account's firm, for the record). Active until
 * cleared, or until `expiresAt` when it has one (a halt that ends by itself, e.g. at the end of the firm's
 * trading day).
 */
export interface TradingHalt {
  id: number;
  firmCode: string | null;
  accountId: number | null;
  reason: string;
  createdBy: string;
  createdAt: Date;
  /** The instant the halt ends by itself; null: until cleared. */
  expiresAt: Date | null;
  clearedBy: string | null;
  clearedAt: Date | null;
}

export type HaltScope = 'global' | 'firm' | 'account';

export function scopeOf(h: Pick<TradingHalt, 'firmCode' | 'accountId'>): HaltScope {
  if (h.accountId !== null) return 'account';
  return h.firmCode === null ? 'global' : 'firm';
}

/** Not cleared, and not past its end: at `expiresAt` exactly the halt has ended. */
export function isHaltActive(h: Pick<TradingHalt, 'clearedAt' | 'expiresAt'>, now: Date): boolean {
  return h.clearedAt === null && (h.expiresAt === null || now.getTime() < h.expiresAt.getTime());
}

/** Whether the halt reaches an order of this firm and trading account (null: a firm-level `env:` account). */
export function haltCovers(
  h: Pick<TradingHalt, 'firmCode' | 'accountId'>,
  firmCode: string,
  accountId: number | null,
): boolean {
  switch (scopeOf(h)) {
    case 'global':
      return true;
    case 'firm':
      return h.firmCode!.toUpperCase() === firmCode.toUpperCase();
    default:
      return accountId !== null && h.accountId === accountId;
  }
}
