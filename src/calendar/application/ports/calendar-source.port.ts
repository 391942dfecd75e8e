/** Reads a calendar document at a URL (the import's `url`). */
export abstract class CalendarSource {
  /** Rejects with an UNAVAILABLE AppError when the URL cannot be read. */
  abstract read(url: string): Promise<{ contentType: string | null; body: string }>;
}
