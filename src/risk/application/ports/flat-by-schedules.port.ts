/** A firm whose flat-by time has passed and whose session has not reopened: its accounts must be flat. */
export interface DueFirmFlatBy {
  firmCode: string;
  /** The trading day whose flat-by it is (`YYYY-MM-DD`, the firm's trading day). */
  tradingDay: string;
  flatByAt: Date;
  /** When entries reopen (the firm's trading-day reset of its next open session). */
  reopensAt: Date;
  /** The firm's stated time, e.g. `15:10 America/Chicago`. */
  flatBy: string;
}

/**
 * The risk context's answer to "which firms must be flat now" (issue 16), from each active firm's registry
 * `flat_by`, its trading day and the CME holiday calendar, the same schedule the FLAT_BY entry rule reads.
 */
export abstract class FlatBySchedules {
  abstract due(now: Date): Promise<DueFirmFlatBy[]>;
}
