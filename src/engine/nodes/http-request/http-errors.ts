import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';

// The node's failures (docs/nodes.md#http-request "Errors"); a non-2xx answer is not one.

export const httpErrors = {
  /** connection refused/reset/dropped, DNS failure, bad URL or body, too many redirects */
  failed: (detail: string) => new AppException(ErrorCode.HTTP_REQUEST_NODE_EXECUTION_ERROR, detail),
  /** the outbound guard refused the target (first request or a redirect hop) */
  forbidden: (detail: string) =>
    new AppException(ErrorCode.HTTP_REQUEST_TARGET_FORBIDDEN_ERROR, detail),
  timeout: (ms: number) => new AppException(ErrorCode.HTTP_REQUEST_TIMEOUT_ERROR, `${ms} ms`),
  tooLarge: (limit: number) =>
    new AppException(ErrorCode.HTTP_REQUEST_RESPONSE_TOO_LARGE_ERROR, `more than ${limit} bytes`),
};
