/** Stable error codes, mapped to HTTP in one place (the global exception filter). */
export type AppErrorCode =
  | 'VALIDATION'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'UNAVAILABLE';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: string[],
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static validation(problems: string[]): AppError {
    return new AppError('VALIDATION', 'Validation failed', problems);
  }
  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} not found`);
  }
  static conflict(message: string): AppError {
    return new AppError('CONFLICT', message);
  }
  /** 429, with the seconds to wait sent as `Retry-After`. */
  static tooManyRequests(message: string, retryAfterS: number): AppError {
    return new AppError('TOO_MANY_REQUESTS', message, undefined, retryAfterS);
  }
}
