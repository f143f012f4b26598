import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ROUTE_ERROR_POLICY, RouteErrorPolicy } from '../errors/error-route.metadata';
import { ErrorCode } from '../errors/error-code';
import { paramException } from '../errors/param-error';
import { consumerOf, REQUIRES_CONSUMER } from './consumer.decorator';
import { bodyErrorOf } from './json-body.middleware';
import { setRoutePolicy } from './route-policy';
import { IGNORES_BODY } from './ignores-body.decorator';

const DEFAULT_POLICY: RouteErrorPolicy = {
  shape: 'envelope',
  fallback: ErrorCode.OPEN_API_ERROR,
  style: 'plain',
};

/**
 * Global guard, first in every route's pipeline: records the route's error policy for the
 * exception filter, then rejects unreadable bodies and a missing consumer header with 460.
 */
@Injectable()
export class RequestGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const targets = [context.getHandler(), context.getClass()];
    setRoutePolicy(
      req,
      this.reflector.getAllAndOverride<RouteErrorPolicy>(ROUTE_ERROR_POLICY, targets) ??
        DEFAULT_POLICY,
    );
    const bodyError = bodyErrorOf(req);
    if (bodyError && !this.reflector.getAllAndOverride<boolean>(IGNORES_BODY, targets)) {
      throw paramException([bodyError]);
    }
    if (
      this.reflector.getAllAndOverride<boolean>(REQUIRES_CONSUMER, targets) &&
      consumerOf(req) === undefined
    ) {
      throw paramException([
        {
          loc: ['header', 'x-consumer-username'],
          input: undefined,
          description: 'Field required',
          type: 'missing',
        },
      ]);
    }
    return true;
  }
}
