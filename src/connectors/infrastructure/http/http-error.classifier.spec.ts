import { AxiosError, AxiosHeaders, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { ConnectorError } from '../../domain/connector-errors';
import { classifyHttpError, parseRetryAfter, requireJsonObject } from './http-error.classifier';

const config = { headers: new AxiosHeaders() } as InternalAxiosRequestConfig;

function httpError(status: number, data: unknown, headers: Record<string, string> = {}): AxiosError {
  const response = {
    status,
    statusText: '',
    data,
    headers: new AxiosHeaders(headers),
    config,
  } as AxiosResponse;
  return new AxiosError(
    `Request failed with status code ${status}`,
    'ERR_BAD_RESPONSE',
    config,
    {},
    response,
  );
}

function networkError(code: string, sent: boolean, message = code): AxiosError {
  return new AxiosError(message, code, config, { writableFinished: sent });
}

describe('classifyHttpError', () => {
  it('classes 429 and 503 as transient and carries Retry-After in ms', () => {
    const e = classifyHttpError(httpError(429, { message: 'slow down' }, { 'retry-after': '2' }), {
      write: true,
    });
    expect([e.kind, e.details.retryAfterMs, e.details.httpStatus]).toEqual(['TRANSIENT', 2000, 429]);
    expect(classifyHttpError(httpError(503, 'down'), { write: true }).kind).toBe('TRANSIENT');
  });

  it('classes auth failures as fatal and other 4xx as rejections with the platform text', () => {
    expect(classifyHttpError(httpError(401, { error: 'bad key' }), { write: false }).kind).toBe('FATAL');
    expect(classifyHttpError(httpError(403, {}), { write: true }).kind).toBe('FATAL');
    const rejected = classifyHttpError(httpError(422, { error: 'X', message: 'Insufficient margin' }), {
      write: true,
    });
    expect([rejected.kind, rejected.message]).toEqual(['REJECTED', 'Insufficient margin']);
  });

  it('classes a 5xx as unknown outcome on a write and transient on a read', () => {
    expect(classifyHttpError(httpError(500, {}), { write: true }).kind).toBe('UNKNOWN_OUTCOME');
    expect(classifyHttpError(httpError(502, {}), { write: false }).kind).toBe('TRANSIENT');
  });

  it('tells a cut-off before sending from one after sending', () => {
    expect(classifyHttpError(networkError('ECONNREFUSED', false), { write: true }).kind).toBe('TRANSIENT');
    expect(classifyHttpError(networkError('ECONNRESET', false), { write: true }).kind).toBe('TRANSIENT');
    expect(classifyHttpError(networkError('ECONNRESET', true), { write: true }).kind).toBe('UNKNOWN_OUTCOME');
    const timeout = networkError('ECONNABORTED', true, 'timeout of 100ms exceeded');
    expect(classifyHttpError(timeout, { write: true }).kind).toBe('UNKNOWN_OUTCOME');
    expect(classifyHttpError(timeout, { write: false }).kind).toBe('TRANSIENT');
  });

  it('classes an unparseable 2xx body by whether the call was a write', () => {
    const bad = new AxiosError('Unexpected token', 'ERR_BAD_RESPONSE', config, {});
    expect(classifyHttpError(bad, { write: true }).kind).toBe('UNKNOWN_OUTCOME');
    expect(classifyHttpError(bad, { write: false }).kind).toBe('TRANSIENT');
    expect(() => requireJsonObject('<html>', true)).toThrow(ConnectorError);
    expect(requireJsonObject({ a: 1 }, true)).toEqual({ a: 1 });
  });

  it('passes a ConnectorError through unchanged', () => {
    const original = ConnectorError.rejected('no');
    expect(classifyHttpError(original, { write: true })).toBe(original);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores garbage', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
