import { ConnectorError } from '../../domain/connector-errors';
import type { ProjectXSession } from './projectx-session';
import type { ProjectXRequest, ProjectXTransport } from './projectx-transport';
import type { ProjectXEnvelope } from './projectx.types';

/**
 * Authenticated ProjectX calls with the `{success, errorCode, errorMessage}` envelope checked on every
 * answer: `success: false` is the platform's rejection. A 401 (bad or expired token) was not acted on: the
 * session is dropped, a new login made and the call repeated once; a second 401 is FATAL.
 */
export class ProjectXApi {
  constructor(
    private readonly transport: ProjectXTransport,
    private readonly session: ProjectXSession,
  ) {}

  async post<T extends ProjectXEnvelope>(
    path: string,
    body: Record<string, unknown>,
    write: boolean,
  ): Promise<T> {
    const req: ProjectXRequest = { path, body, write };
    let res: unknown;
    try {
      res = await this.transport.send({ ...req, token: await this.session.sessionToken() });
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
      this.session.invalidate();
      res = await this.retryOnce(req);
    }
    return checkEnvelope<T>(res, req);
  }

  private async retryOnce(req: ProjectXRequest): Promise<unknown> {
    try {
      return await this.transport.send({ ...req, token: await this.session.sessionToken() });
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
      throw ConnectorError.fatal(`ProjectX refused a fresh session token on ${req.path} (HTTP 401)`, {
        httpStatus: 401,
      });
    }
  }
}

function checkEnvelope<T extends ProjectXEnvelope>(res: unknown, req: ProjectXRequest): T {
  const envelope = res as Partial<ProjectXEnvelope> | null;
  if (!envelope || typeof envelope !== 'object' || typeof envelope.success !== 'boolean') {
    const message = `ProjectX ${req.path} answered without the success envelope`;
    throw req.write
      ? ConnectorError.unknownOutcome(message, { rawResponse: res })
      : ConnectorError.transient(message, { rawResponse: res });
  }
  if (!envelope.success || (envelope.errorCode ?? 0) !== 0) {
    const text = envelope.errorMessage ? `: ${envelope.errorMessage}` : '';
    throw ConnectorError.rejected(`ProjectX ${req.path} rejected: errorCode ${envelope.errorCode}${text}`, {
      rawResponse: res,
    });
  }
  return res as T;
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof ConnectorError && error.details.httpStatus === 401;
}
