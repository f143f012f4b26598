import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger as Pino } from 'pino';

export type RequestLogger = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

type RoutedRequest = IncomingMessage & { id?: string; route?: { path?: string } };

/**
 * Gives every request its sid (`req.id`, read by `sidOf`) and writes one line when the response
 * is done: method, url, status, duration, route — `request completed`; at error level
 * `request errored` for a 5xx and `request aborted` when the connection closed first.
 * No logger object per request: only the finished line is built, and only when its level is on.
 */
export function createRequestLogger(root: Pino, nextSid: () => string): RequestLogger {
  return (req: RoutedRequest, res, next) => {
    req.id = nextSid();
    const started = performance.now();
    const done = () => {
      res.off('finish', done);
      res.off('close', done);
      const aborted = !res.writableFinished;
      const failed = aborted || res.statusCode >= 500;
      const level = failed ? 'error' : 'info';
      if (!root.isLevelEnabled(level)) return;
      root[level](
        {
          sid: req.id,
          req: { method: req.method, url: req.url },
          res: { status: res.statusCode },
          duration_ms: Math.round(performance.now() - started),
          route: req.route?.path,
        },
        aborted ? 'request aborted' : failed ? 'request errored' : 'request completed',
      );
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
