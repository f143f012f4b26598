import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../core/config/app-config';
import { AppException } from '../../core/errors/app.exception';
import { ADMIN_DISABLED, ADMIN_UNAUTHORIZED } from './admin-errors';

/**
 * Admin routes need `Authorization: Bearer <ADMIN_TOKEN>`. Without ADMIN_TOKEN configured the
 * admin API is refused altogether (403); a missing or wrong token answers 401.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.adminToken;
    if (!expected) {
      throw new AppException(ADMIN_DISABLED, 'ADMIN_TOKEN is not configured').withHttpStatus(403);
    }
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!match || !sameSecret(match[1], expected)) {
      throw new AppException(ADMIN_UNAUTHORIZED, 'a valid Bearer token is required').withHttpStatus(
        401,
      );
    }
    return true;
  }
}

/** Constant-time comparison (digests have equal length whatever was sent). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
