import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, AppErrorCode } from '../errors/app-error';
import { redactQueryString } from '../logging/request-serializer';

const CODE_TO_STATUS: Record<AppErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
};

// Postgres/pg failures meaning "the database is not there right now": answer 503, never 500.
const DB_DOWN = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08006',
  '08001',
  '08003',
  '53300',
]);

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: string[];
}

/** The one place errors become HTTP: JSON bodies, right status, never a stack trace. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(
        `${request?.method} ${redactQueryString(request?.url)} -> ${body.statusCode}: ${describe(exception)}`,
      );
    }
    if (exception instanceof AppError && exception.retryAfterS !== undefined)
      void reply.header('retry-after', String(exception.retryAfterS));
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof AppError) {
      const statusCode = CODE_TO_STATUS[exception.code];
      return {
        statusCode,
        error: statusText(statusCode),
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const res = exception.getResponse();
      const message =
        typeof res === 'string' ? res : String((res as { message?: unknown }).message ?? exception.message);
      return { statusCode, error: statusText(statusCode), message };
    }
    return fromLowerLayers(exception as LowerLayerError) ?? { ...INTERNAL };
  }
}

const INTERNAL: ErrorBody = {
  statusCode: 500,
  error: 'Internal Server Error',
  message: 'Internal server error',
};

interface LowerLayerError {
  statusCode?: number;
  code?: string;
  message?: string;
  driverError?: { code?: string };
}

/** Errors of Fastify (4xx) and of the database driver; null for anything else. */
function fromLowerLayers(err: LowerLayerError | null | undefined): ErrorBody | null {
  if (typeof err?.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    // fastify's own errors: body too large (413), bad JSON (400), unsupported media type (415)
    return {
      statusCode: err.statusCode,
      error: statusText(err.statusCode),
      message: err.message ?? 'Bad request',
    };
  }
  const pgCode = err?.driverError?.code ?? err?.code;
  if (pgCode === '23505') return { statusCode: 409, error: 'Conflict', message: 'Duplicate record' };
  // a reference the service checks first can still race (a program deleted meanwhile): never a 500
  if (pgCode === '23503')
    return {
      statusCode: 409,
      error: 'Conflict',
      message: 'The record refers to, or is used by, another record',
    };
  if ((pgCode && DB_DOWN.has(pgCode)) || isConnectionError(err?.message)) {
    return {
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'Database unavailable, try again shortly',
    };
  }
  return null;
}

function isConnectionError(message?: string): boolean {
  return (
    !!message &&
    /(Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is)/i.test(
      message,
    )
  );
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

function statusText(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name
    ? name
        .split('_')
        .map((w) => w[0] + w.slice(1).toLowerCase())
        .join(' ')
    : 'Error';
}
