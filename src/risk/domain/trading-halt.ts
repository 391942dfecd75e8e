/** A kill switch: `firmCode` null halts every firm. Active until cleared. */
export interface TradingHalt {
  id: number;
  firmCode: string | null;
  reason: string;
  createdBy: string;
  createdAt: Date;
  clearedBy: string | null;
  clearedAt: Date | null;
}
