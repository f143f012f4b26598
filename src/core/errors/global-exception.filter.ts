import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sidOf } from '../http/request-sid';
import { AppException } from './app.exception';
import { chunkError, envelopeError } from './error-bodies';
import { RouteErrorPolicy } from './error-route.metadata';
import { routePolicyOf } from '../http/route-policy';
import { ErrorCode } from './error-code';
import { methodNotAllowedFor } from '../http/route-index';
import { unexpectedMessage } from './unexpected-error';
import { noteResponseCode } from '../logging/response-code';

/**
 * The one place where errors become wire bodies. Domain errors keep their code and message;
 * anything else becomes the route's fallback code with a generic message (route metadata decides
 * shape and wording), its details logged under the request's sid.
 * Routing misses answer JSON 404/405 as the reference does.
 */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const sid = sidOf(req);
    if (res.headersSent) {
      // a stream already started: its own writer ends it; just make sure the socket closes
      this.logger.error({ sid, err: exception }, 'error after response started');
      if (!res.writableEnded) res.end();
      return;
    }
    const policy = routePolicyOf(req);
    if (!policy && exception instanceof HttpException && !(exception instanceof AppException)) {
      return this.writeHttpMiss(exception, req, res);
    }
    const { code, message } = this.describe(exception, policy, sid);
    const body =
      policy?.shape === 'chunk'
        ? chunkError(code, message, sid)
        : envelopeError(code, message, sid);
    const status = exception instanceof AppException ? exception.httpStatus : 200;
    noteResponseCode(res, code, !(exception instanceof AppException));
    res.status(status).type('application/json').send(JSON.stringify(body));
  }

  private describe(exception: unknown, policy: RouteErrorPolicy | undefined, sid: string) {
    if (exception instanceof AppException)
      return { code: exception.code, message: exception.message };
    const fallback = policy?.fallback ?? ErrorCode.OPEN_API_ERROR;
    this.logger.error({ sid, err: exception }, 'unexpected error');
    return { code: fallback.code, message: unexpectedMessage(fallback, policy?.style) };
  }

  private writeHttpMiss(exception: HttpException, req: Request, res: Response): void {
    const status = exception.getStatus();
    if (status === 404 && methodNotAllowedFor(req)) {
      res.status(405).json({ detail: 'Method Not Allowed' });
      return;
    }
    if (status === 404) {
      res.status(404).json({ detail: 'Not Found' });
      return;
    }
    res.status(status).json({ detail: exception.message });
  }
}
