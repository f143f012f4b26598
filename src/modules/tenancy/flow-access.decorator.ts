import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { FlowAccessGuard } from './flow-access.guard';
import { FLOW_ACCESS_RULE, FlowAccessRule } from './flow-access.rule';

/**
 * Marks a route with its access rule and guards it; with TENANCY=open the guard lets every
 * request through, so the route behaves exactly as without it.
 */
export function FlowAccess(rule: FlowAccessRule) {
  return applyDecorators(SetMetadata(FLOW_ACCESS_RULE, rule), UseGuards(FlowAccessGuard));
}
