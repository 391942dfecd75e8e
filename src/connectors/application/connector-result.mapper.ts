import { BrokenCircuitError } from 'cockatiel';
import { ConnectorConfigError, ConnectorError } from '../domain/connector-errors';
import type { PlatformOrder } from './ports/broker-connector.port';
import type { ConnectorResult } from './ports/connector-gateway.port';

/** Seed 13C ConnectorResult for a call the platform accepted. Redaction is the caller's job. */
export function successResult(order: PlatformOrder): ConnectorResult {
  return {
    status: 'SUCCESS',
    external_order_id: order.external_order_id,
    raw_request: order.raw_request,
    raw_response: order.raw_response,
    error_message: null,
  };
}

/** A configuration problem: FAILED with `CONNECTOR_NOT_CONFIGURED: <subject> is missing <names>`. */
export function notConfiguredResult(subject: string, missing: string[], request: unknown): ConnectorResult {
  return failure('FAILED', new ConnectorConfigError(subject, missing).message, request, null);
}

/**
 * How a failed call ends: TRANSIENT (retries used up) → RETRY; UNKNOWN_OUTCOME → RETRY with `outcome_unknown`
 * (the request may still be applied: never re-sent before a later lookup); REJECTED (the platform's text) and
 * FATAL → FAILED; an open circuit → FAILED `CIRCUIT_OPEN`; anything else → FAILED `CONNECTOR_ERROR`.
 */
export function errorResult(subject: string, error: unknown, request: unknown): ConnectorResult {
  if (error instanceof ConnectorError) {
    const status = error.kind === 'TRANSIENT' || error.kind === 'UNKNOWN_OUTCOME' ? 'RETRY' : 'FAILED';
    const result = failure(
      status,
      `${error.kind}: ${error.message}`,
      request,
      error.details.rawResponse ?? null,
    );
    return error.kind === 'UNKNOWN_OUTCOME' ? { ...result, outcome_unknown: true } : result;
  }
  if (error instanceof ConnectorConfigError) return failure('FAILED', error.message, request, null);
  if (error instanceof BrokenCircuitError) {
    return failure('FAILED', `CIRCUIT_OPEN: ${subject} is failing; calls are paused`, request, null);
  }
  const text = error instanceof Error ? error.message : String(error);
  return failure('FAILED', `CONNECTOR_ERROR: ${text}`, request, null);
}

function failure(
  status: ConnectorResult['status'],
  message: string,
  request: unknown,
  response: unknown,
): ConnectorResult {
  return {
    status,
    external_order_id: null,
    raw_request: request,
    raw_response: response,
    error_message: message,
  };
}
