import type { ErrorCodeEntry } from './error-code';
import type { RouteErrorPolicy } from './error-route.metadata';

/**
 * Detail shown for a failure that is not one of our own errors. The exception's text is never
 * answered: a TypeError, a stack overflow or a database driver message names internals, not
 * anything the caller can fix. The log line under the same sid carries the real error.
 */
export const UNEXPECTED_DETAIL = 'internal error';

/** The wire message of an unexpected failure, in the route's wording style. */
export function unexpectedMessage(
  fallback: ErrorCodeEntry,
  style: RouteErrorPolicy['style'] | undefined,
): string {
  // `details` routes keep their `<message>, Error details: <text>` shape with a generic text;
  // `raw` routes (whose own errors are answered verbatim) fall back to the table message
  return style === 'details'
    ? `${fallback.message}, Error details: ${UNEXPECTED_DETAIL}`
    : fallback.message;
}
