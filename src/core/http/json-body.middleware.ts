import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { raw } from 'express';
import type { ParamViolation } from '../errors/param-error';
import { DEFAULT_JSON_MAX_DEPTH, exceedsJsonDepth } from './json-depth';

const BODY_ERROR = Symbol('bodyError');
const RAW_BODY = Symbol('rawBody');

/**
 * JSON body reader that never answers by itself: a malformed, oversized or too deeply nested
 * body is recorded on the request and turned into a 460 by the request guard, inside the route,
 * so the error takes the route's wire shape (envelope or chat chunk).
 */
export function jsonBodyMiddleware(
  limit: string,
  maxDepth = DEFAULT_JSON_MAX_DEPTH,
): RequestHandler {
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
      if (Buffer.isBuffer(req.body)) {
        // kept for AUTH_MODE=signature, whose digest covers the bytes as sent
        (req as unknown as Record<symbol, Buffer>)[RAW_BODY] = req.body;
        parseInto(req, req.body, maxDepth);
      }
      next();
    });
  };
}

function parseInto(req: Request, buffer: Buffer, maxDepth: number): void {
  const text = buffer.toString('utf8');
  if (text.trim() === '') {
    req.body = undefined;
    return;
  }
  if (exceedsJsonDepth(text, maxDepth)) {
    req.body = undefined;
    setBodyError(req, {
      loc: ['body'],
      input: undefined,
      description: `JSON nesting exceeds the limit of ${maxDepth} levels`,
      type: 'json_too_deep',
    });
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

/** The JSON body's bytes as received; undefined when no JSON body was read. */
export function rawBodyOf(req: Request): Buffer | undefined {
  return (req as unknown as Record<symbol, Buffer | undefined>)[RAW_BODY];
}
