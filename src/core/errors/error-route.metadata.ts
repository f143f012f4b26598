import { SetMetadata } from '@nestjs/common';
import { ErrorCodeEntry } from './error-code';

/**
 * How a route reports failures. `shape` picks the wire form (the standard envelope, or the chat
 * chunk object of docs/api.md#chat-completions); `fallback` is the code used when a non-domain error escapes
 * the route, with the message composed per `style` (the exception's own text is never shown,
 * see unexpected-error.ts):
 * - `plain`: the table message only;
 * - `details`: `<table message>, Error details: internal error` (publish, auth);
 * - `raw`: routes whose domain errors carry verbatim text (code run, node debug); an
 *   unexpected failure answers the table message.
 */
export interface RouteErrorPolicy {
  shape: 'envelope' | 'chunk';
  fallback: ErrorCodeEntry;
  style: 'plain' | 'details' | 'raw';
}

export const ROUTE_ERROR_POLICY = 'route-error-policy';

export const RouteErrors = (
  policy: Partial<RouteErrorPolicy> & Pick<RouteErrorPolicy, 'fallback'>,
) => SetMetadata(ROUTE_ERROR_POLICY, { shape: 'envelope', style: 'plain', ...policy });
