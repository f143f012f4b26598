import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';
import { noteResponseCode } from '../logging/response-code';
import { sidOf } from './request-sid';

export const RAW_RESPONSE = 'raw-response';

/** The handler writes its own body (SSE, chat chunks, files): no envelope. */
export const RawResponse = () => SetMetadata(RAW_RESPONSE, true);

/**
 * A controller whose handlers answer in the envelope (those marked `@RawResponse()` excepted).
 * Applied per controller rather than app-wide: a controller of raw routes only (chat runs,
 * resume, health) then has no interceptor at all, and Nest skips its per-request interceptor
 * chain — rxjs pipeline and `AsyncResource.bind` wrappers that otherwise live as long as
 * every streamed run. test/route-envelopes.e2e-spec.ts checks every route is enveloped or raw.
 */
export const Enveloped = () => UseInterceptors(EnvelopeInterceptor);

/** Success envelope of docs/api.md#envelope: `data` omitted when the payload is falsy or empty. */
export function successEnvelope(data: unknown, sid: string): Record<string, unknown> {
  const body: Record<string, unknown> = { code: 0, message: 'success' };
  if (!isEmptyPayload(data)) body.data = data;
  if (sid) body.sid = sid;
  return body;
}

function isEmptyPayload(data: unknown): boolean {
  if (!data) return true;
  if (Array.isArray(data)) return data.length === 0;
  if (typeof data === 'object') return Object.keys(data as object).length === 0;
  return false;
}

@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const raw = this.reflector.getAllAndOverride<boolean>(RAW_RESPONSE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (raw) return next.handle();
    const http = context.switchToHttp();
    const sid = sidOf(http.getRequest<Request>());
    const res = http.getResponse<Response>();
    return next.handle().pipe(
      map((data) => {
        noteResponseCode(res, 0);
        return successEnvelope(data, sid);
      }),
    );
  }
}
