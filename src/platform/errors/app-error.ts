/** Stable error codes, mapped to HTTP in one place (the global exception filter). */
export type AppErrorCode =
  | 'VALIDATION'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAVAILABLE';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: string[],
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
}
