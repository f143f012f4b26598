/**
 * fetch hides the socket error in `cause` ("fetch failed: connect ECONNREFUSED …"). Duck-typed:
 * the error may come from another realm, where `instanceof Error` fails.
 */
export function causeText(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { message?: unknown } };
  if (typeof message !== 'string') return String(error);
  return typeof cause?.message === 'string' ? `${message}: ${cause.message}` : message;
}
