import type { IncomingMessage, ServerResponse } from 'node:http';
import { responseCodeOf } from '../logging/response-code';
import type { ServiceMetrics } from './service-metrics';
import { parseTraceparent } from './trace-context';
import { withCallerSpan } from './trace-scope';

type RoutedRequest = IncomingMessage & { route?: { path?: unknown } };

/** Requests no route matched share one label: raw paths would grow the series without bound. */
const UNMATCHED = 'unmatched';

/**
 * Counts and times every request by its route pattern and the business `code` its body carried
 * (see `noteResponseCode`; empty when none was noted), once the response is over (a streamed
 * run: when its stream ends or the client leaves). Also keeps the caller's `traceparent` for
 * whatever run the request starts.
 */
export function createHttpTelemetry(metrics: ServiceMetrics) {
  return (req: RoutedRequest, res: ServerResponse, next: () => void): void => {
    const started = performance.now();
    res.once('close', () => {
      const path = req.route?.path;
      const route = typeof path === 'string' ? path : UNMATCHED;
      const method = req.method ?? '';
      const code = responseCodeOf(res)?.code;
      metrics.httpRequests.inc({
        method,
        route,
        status: String(res.statusCode),
        code: code === undefined ? '' : String(code),
      });
      metrics.httpDuration.observe({ method, route }, (performance.now() - started) / 1000);
    });
    withCallerSpan(parseTraceparent(req.headers.traceparent), next);
  };
}
