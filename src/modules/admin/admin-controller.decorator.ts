import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RouteErrors } from '../../core/errors/error-route.metadata';
import { Enveloped } from '../../core/http/envelope.interceptor';
import { ADMIN_TAG } from './admin-api-docs';
import { ADMIN_OPERATION_FAILED } from './admin-errors';
import { AdminTokenGuard } from './admin-token.guard';

/**
 * An admin API controller (docs/api.md#admin-api): the admin bearer token, the envelope, and
 * one fallback code, so every admin route is guarded and answered alike.
 */
export function AdminController(path: string) {
  return applyDecorators(
    ApiTags(ADMIN_TAG),
    ApiBearerAuth('admin'),
    Controller(path),
    Enveloped(),
    UseGuards(AdminTokenGuard),
    RouteErrors({ fallback: ADMIN_OPERATION_FAILED }),
  );
}
