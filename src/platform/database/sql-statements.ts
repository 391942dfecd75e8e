/**
 * Statements on one open transaction, lent by the context that opened it to another that must write in the
 * same all-or-nothing unit (the master key rotation re-seals the notification channels' secrets with the
 * connections'). Each context still writes only its own tables.
 */
export interface SqlStatements {
  query<T>(text: string, values?: unknown[]): Promise<T[]>;
}
