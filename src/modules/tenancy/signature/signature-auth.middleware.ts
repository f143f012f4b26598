import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isAppException } from '../../../core/errors/app.exception';
import { noteResponseCode } from '../../../core/logging/response-code';
import { sidOf } from '../../../core/http/request-sid';
import { LOCAL_FILES_ROUTE } from '../../file/storage/local-disk.storage';
import type { SignatureVerifier } from './signature-verifier';

/**
 * Paths with their own access rules: probes and metrics, API docs, the admin API and its console
 * (static files; its calls carry ADMIN_TOKEN), public files.
 */
const EXEMPT = [
  /^\/(health|ready|metrics)\/?$/,
  /^\/(docs|openapi\.json|openapi\.yaml)(\/|$)/,
  /^\/workflow\/v1\/admin(\/|$)/,
  /^\/console(\/|$)/,
  new RegExp(`^/${LOCAL_FILES_ROUTE}/`),
];

/**
 * AUTH_MODE=signature: every other request must be signed; the verified app becomes the
 * `X-Consumer-Username` (whatever the client sent is replaced). Refusals answer HTTP 401 with
 * the error envelope, before routing.
 */
export function signatureAuthMiddleware(verifier: SignatureVerifier): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (EXEMPT.some((path) => path.test(req.path))) return next();
    verifier.verify(req).then(
      (alias) => {
        delete req.headers['x_consumer_username'];
        req.headers['x-consumer-username'] = alias;
        next();
      },
      (error: unknown) => {
        if (!isAppException(error)) return next(error);
        noteResponseCode(res, error.code);
        res.status(401).json({ code: error.code, message: error.message, sid: sidOf(req) });
      },
    );
  };
}
