import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { paramErrorLine } from '../errors/param-error';
import { bodyErrorOf, jsonBodyMiddleware } from './json-body.middleware';

/** Runs the middleware over a JSON text; resolves with the request once `next` is called. */
function read(text: string, maxDepth?: number): Promise<Request> {
  const req = Object.assign(Readable.from([Buffer.from(text)]), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
    },
  }) as unknown as Request;
  const res = { setHeader: () => undefined } as unknown as Response;
  return new Promise((resolve) =>
    jsonBodyMiddleware('1mb', maxDepth)(req, res, () => resolve(req)),
  );
}

describe('jsonBodyMiddleware depth limit', () => {
  it('parses a body at the limit', async () => {
    const req = await read('{"a":{"b":[1]}}', 3);
    expect(req.body).toEqual({ a: { b: [1] } });
    expect(bodyErrorOf(req)).toBeUndefined();
  });

  it('records a 460 violation for a deeper body and leaves it unparsed', async () => {
    const req = await read('{"a":{"b":[[1]]}}', 3);
    expect(req.body).toBeUndefined();
    expect(paramErrorLine(bodyErrorOf(req)!)).toBe(
      'Parameter: body, Input: None, Error: JSON nesting exceeds the limit of 3 levels (json_too_deep)',
    );
  });

  it('refuses 100,000 levels with the default limit, without a stack overflow', async () => {
    const req = await read('['.repeat(100_000) + ']'.repeat(100_000));
    expect(req.body).toBeUndefined();
    expect(bodyErrorOf(req)?.type).toBe('json_too_deep');
  });

  it('still reports malformed JSON as a decode error', async () => {
    const req = await read('{"a":', 3);
    expect(bodyErrorOf(req)?.type).toBe('json_invalid');
  });
});
