/**
 * How an adapter call failed, classed the way the gateway must react (nautilus_trader style):
 * - Transient: the platform certainly did not act (429, 503, connection refused/reset before sending);
 *   safe to retry after `retryAfterMs`.
 * - UnknownOutcome: the request may have reached the platform (timeout or reset after sending, 5xx on a
 *   write, malformed response): look the order up by client order id before ever sending it again.
 * - Rejected: the platform answered and said no (business rejection); never retried.
 * - Fatal: configuration or authentication problem; never retried.
 */
export type ConnectorErrorKind = 'TRANSIENT' | 'UNKNOWN_OUTCOME' | 'REJECTED' | 'FATAL';

export class ConnectorError extends Error {
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    readonly details: {
      httpStatus?: number;
      retryAfterMs?: number;
      rawResponse?: unknown;
      /** The caller's send window closed before the request could start: certainly not sent. */
      windowClosed?: boolean;
    } = {},
  ) {
    super(message);
    this.name = 'ConnectorError';
  }

  static transient(message: string, details: ConnectorError['details'] = {}): ConnectorError {
    return new ConnectorError('TRANSIENT', message, details);
  }
  static unknownOutcome(message: string, details: ConnectorError['details'] = {}): ConnectorError {
    return new ConnectorError('UNKNOWN_OUTCOME', message, details);
  }
  static rejected(message: string, details: ConnectorError['details'] = {}): ConnectorError {
    return new ConnectorError('REJECTED', message, details);
  }
  static fatal(message: string, details: ConnectorError['details'] = {}): ConnectorError {
    return new ConnectorError('FATAL', message, details);
  }
}

/**
 * Seed 13C: configuration problems. Raised while building a connection's login or an account's adapter,
 * turned into CONNECTOR_NOT_CONFIGURED. `subject`: a firm code (env), `connection "<name>"` or
 * `account "<label>"`; `missing`: setting names, never values.
 */
export class ConnectorConfigError extends Error {
  constructor(
    readonly subject: string,
    readonly missing: string[],
  ) {
    super(`CONNECTOR_NOT_CONFIGURED: ${subject} is missing ${missing.join(', ')}`);
    this.name = 'ConnectorConfigError';
  }
}
