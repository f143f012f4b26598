import type { Request } from 'express';
import type { RouteErrorPolicy } from '../errors/error-route.metadata';

const POLICY = Symbol('routeErrorPolicy');

/** The matched route's error policy, stored on the request by the request guard. */
export function setRoutePolicy(req: Request, policy: RouteErrorPolicy | undefined): void {
  (req as unknown as Record<symbol, unknown>)[POLICY] = policy;
}

export function routePolicyOf(req: Request): RouteErrorPolicy | undefined {
  return (req as unknown as Record<symbol, RouteErrorPolicy | undefined>)[POLICY];
}
