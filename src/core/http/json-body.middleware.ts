import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { raw } from 'express';
import type { ParamViolation } from '../errors/param-error';

const BODY_ERROR = Symbol('bodyError');

/**
 * JSON body reader that never answers by itself: a malformed or oversized body is recorded on
 * the request and turned into a 460 by the request guard, inside the route, so the error takes
 * the route's wire shape (envelope or chat chunk).
 */
export function jsonBodyMiddleware(limit: string): RequestHandler {
  const readRaw = raw({ type: ['application/json', 'application/*+json'], limit });
  return (req: Request, res: Response, next: NextFunction) => {
    readRaw(req, res, (err?: unknown) => {
      if (err) {
        const tooLarge = (err as { type?: string }).type === 'entity.too.large';
        setBodyError(req, {
          loc: ['body'],
          input: undefined,
          description: tooLarge ? `Request body exceeds the limit of ${limit}` : 'Unreadable body',
          type: tooLarge ? 'body_too_large' : 'body_invalid',
        });
        req.body = undefined;
        // the unread rest of an oversized body must not be parsed as a next request
        if (tooLarge) res.setHeader('Connection', 'close');
        return next();
      }
      if (Buffer.isBuffer(req.body)) parseInto(req, req.body);
      next();
    });
  };
}

function parseInto(req: Request, buffer: Buffer): void {
  const text = buffer.toString('utf8');
  if (text.trim() === '') {
    req.body = undefined;
    return;
  }
  try {
    req.body = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(String((error as Error).message))?.[1] ?? '0';
    req.body = undefined;
    setBodyError(req, {
      loc: ['body', Number(position)],
      input: {},
      description: 'JSON decode error',
      type: 'json_invalid',
    });
  }
}

function setBodyError(req: Request, violation: ParamViolation): void {
  (req as unknown as Record<symbol, unknown>)[BODY_ERROR] = violation;
}

export function bodyErrorOf(req: Request): ParamViolation | undefined {
  return (req as unknown as Record<symbol, ParamViolation | undefined>)[BODY_ERROR];
}
