import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Level, Logger as Pino } from 'pino';
import { responseCodeOf } from './response-code';
import { runIdOf } from './response-run-id';

export type RequestLogger = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

type RoutedRequest = IncomingMessage & { id?: string; route?: { path?: string } };

/**
 * Gives every request its sid (`req.id`, read by `sidOf`) and writes one line when the response
 * is done (a streamed run: when its stream ends): method, url, status, the business `code` the
 * body carried (see `noteResponseCode`), the `run_id` it streamed (see `noteRunId`), duration,
 * route — `request completed`; at warn level
 * `request failed` for a non-zero code, at error level `request errored` for a 5xx or an
 * internal code and `request aborted` when the connection closed first.
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
      const outcome = responseCodeOf(res);
      const errored = aborted || res.statusCode >= 500 || outcome?.internal === true;
      const failed = errored || (outcome !== undefined && outcome.code !== 0);
      const level: Level = errored ? 'error' : failed ? 'warn' : 'info';
      if (!root.isLevelEnabled(level)) return;
      root[level](
        {
          sid: req.id,
          req: { method: req.method, url: req.url },
          res: { status: res.statusCode },
          code: outcome?.code,
          run_id: runIdOf(res),
          duration_ms: Math.round(performance.now() - started),
          route: req.route?.path,
        },
        aborted
          ? 'request aborted'
          : errored
            ? 'request errored'
            : failed
              ? 'request failed'
              : 'request completed',
      );
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
