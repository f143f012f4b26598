import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';

/** 21000 for a failed call (down, stalled, malformed answer): the reference's wording. */
export function requestFailed(detail: string): AppException {
  return new AppException(
    ErrorCode.PG_SQL_REQUEST_ERROR,
    `Database POST request failed: ${detail}`,
  );
}

/** 21000 for an answer with a non-zero code. */
export function serviceRefused(code: unknown, reason: unknown, sid: unknown): AppException {
  return new AppException(
    ErrorCode.PG_SQL_REQUEST_ERROR,
    `err code ${String(code)}, reason ${String(reason)}, sid ${String(sid)}`,
  );
}

/** A signal that aborts with the caller's or after `ms`; `timedOut()` tells which. */
export function deadline(
  signal: AbortSignal,
  ms: number,
): { signal: AbortSignal; timedOut(): boolean } {
  const timer = AbortSignal.timeout(ms);
  return { signal: AbortSignal.any([signal, timer]), timedOut: () => timer.aborted };
}
