import type { ErrorCodeEntry } from './error-codes';

/**
 * The one domain error of the service and the engine. It lives in the engine, the lowest layer,
 * so the engine throws it without reaching up; `src/core/errors` re-exports it for the service.
 * The wire message is `<table message>` or `<table message>(<detail>)` — the detail is appended
 * only when given explicitly.
 */
export class AppException extends Error {
  readonly code: number;
  readonly detail?: string;
  /** HTTP status of the answer: 200 for every business error; others only where a route says so
   * (the admin API's authentication failures). */
  httpStatus = 200;

  constructor(entry: ErrorCodeEntry, detail?: string) {
    super(detail ? `${entry.message}(${detail})` : entry.message);
    this.name = 'AppException';
    this.code = entry.code;
    this.detail = detail;
  }

  /** The same error answered with another HTTP status. */
  withHttpStatus(status: number): this {
    this.httpStatus = status;
    return this;
  }

  /** An error whose full message is given verbatim (routes that answer raw exception text). */
  static raw(code: number, message: string): AppException {
    const error = new AppException({ code, message });
    return error;
  }
}

export function isAppException(error: unknown): error is AppException {
  return error instanceof AppException;
}
