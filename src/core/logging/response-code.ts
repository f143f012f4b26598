import type { ServerResponse } from 'node:http';
import { ErrorCode } from '../errors/error-code';

// The business `code` a response carried (envelope, error body or a run's last chunk), kept on
// the response so the request's log line can name it: a 200 whose body says 20201 is a failure.

const CODE = Symbol('business-code');

type Coded = ServerResponse & { [CODE]?: { code: number; internal: boolean } };

/** Codes that mean the service itself failed (the 5xx of this protocol), logged at error. */
const INTERNAL_CODES = new Set<number>([
  ErrorCode.OPEN_API_ERROR.code,
  ErrorCode.OPEN_API_STREAM_QUEUE_TIMEOUT_ERROR.code,
]);

/** Records the code of what was (or is being) answered; the last one noted wins. */
export function noteResponseCode(res: ServerResponse, code: number, unexpected = false): void {
  (res as Coded)[CODE] = { code, internal: unexpected || INTERNAL_CODES.has(code) };
}

/** The noted code, and whether it is the service's own failure rather than the caller's. */
export function responseCodeOf(
  res: ServerResponse,
): { code: number; internal: boolean } | undefined {
  return (res as Coded)[CODE];
}
