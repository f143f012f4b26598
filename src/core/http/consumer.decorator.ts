import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

export const REQUIRES_CONSUMER = 'requires-consumer';

/** The route reads the calling app from `X-Consumer-Username`; missing header → 460. */
export const RequiresConsumer = () => SetMetadata(REQUIRES_CONSUMER, true);

/**
 * The calling app's alias id. Read as `X-Consumer-Username` and, equally, as
 * `x_consumer_username` (the seed's spelling that tenant apps copy). Empty value → `""`.
 */
export function consumerOf(req: Request): string | undefined {
  const header = req.headers['x-consumer-username'] ?? req.headers['x_consumer_username'];
  if (header === undefined) return undefined;
  return Array.isArray(header) ? (header[0] ?? '') : header;
}

export const Consumer = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return consumerOf(ctx.switchToHttp().getRequest<Request>()) ?? '';
});
