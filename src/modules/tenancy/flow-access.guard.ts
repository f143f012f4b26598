import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { FLOW_ACCESS_RULE, FlowAccessRule } from './flow-access.rule';
import { FlowAccessService } from './flow-access.service';

/**
 * Applies a route's `@FlowAccess` rule (strict mode; open mode lets everything through). Runs
 * after the global request guard, so refusals take the route's wire shape.
 */
@Injectable()
export class FlowAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: FlowAccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.get<FlowAccessRule | undefined>(
      FLOW_ACCESS_RULE,
      context.getHandler(),
    );
    if (rule) await this.access.enforce(rule, context.switchToHttp().getRequest<Request>());
    return true;
  }
}
