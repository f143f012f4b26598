import type { NextFunction, Request, Response } from 'express';

/**
 * `X-Worker: <pid>` on every answer of a cluster worker: which process served a request, for
 * an operator following one request and for the test that sees every worker answer.
 */
export function workerHeader(): (req: Request, res: Response, next: NextFunction) => void {
  const pid = String(process.pid);
  return (_req, res, next) => {
    res.setHeader('X-Worker', pid);
    next();
  };
}
