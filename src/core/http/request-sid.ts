import type { IncomingMessage } from 'node:http';

/** The sid minted for this request by the request-logging middleware. */
export function sidOf(req: IncomingMessage): string {
  const id = (req as IncomingMessage & { id?: unknown }).id;
  return typeof id === 'string' ? id : '';
}
