import { ConnectorError } from '../../domain/connector-errors';
import { malformedResponse } from '../http/http-error.classifier';
import type { TradovateSession } from './tradovate-session';
import type { TradovateRequest, TradovateTransport } from './tradovate-transport';

/**
 * Authenticated Tradovate calls. A 401 means the token was refused: the request was not acted on, so the
 * session is dropped, a new token requested and the call repeated once; a second 401 is FATAL.
 */
export class TradovateApi {
  constructor(
    private readonly transport: TradovateTransport,
    private readonly session: TradovateSession,
  ) {}

  /** One entity (`/x/item`, `/x/find`); a `{errorText}` answer is the platform saying no. */
  async get<T>(path: string, query?: TradovateRequest['query']): Promise<T> {
    const res = await this.call<T>({ method: 'GET', path, query, write: false });
    const errorText = (res as { errorText?: unknown } | null)?.errorText;
    if (typeof errorText === 'string' && errorText) {
      throw ConnectorError.rejected(`Tradovate ${path}: ${errorText}`, { rawResponse: res });
    }
    return res;
  }

  /** A list (`/x/list`, `/x/deps`, `/contract/suggest`): anything but an array is a malformed answer. */
  async list<T>(path: string, query?: TradovateRequest['query']): Promise<T[]> {
    const res = await this.get<unknown>(path, query);
    if (!Array.isArray(res)) throw malformedResponse(res, false);
    return res as T[];
  }

  post<T>(path: string, body: Record<string, unknown>, write = true): Promise<T> {
    return this.call<T>({ method: 'POST', path, body, write });
  }

  private async call<T>(req: TradovateRequest): Promise<T> {
    try {
      return (await this.transport.send({ ...req, token: await this.session.accessToken() })) as T;
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
      this.session.invalidate();
    }
    try {
      return (await this.transport.send({ ...req, token: await this.session.accessToken() })) as T;
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
      throw ConnectorError.fatal(`Tradovate refused a fresh access token on ${req.path} (HTTP 401)`, {
        httpStatus: 401,
      });
    }
  }
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof ConnectorError && error.details.httpStatus === 401;
}
