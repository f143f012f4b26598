import { AppException, isAppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';

/** Domain errors pass through; anything else escaping a node is 22302 (docs/engine.md#run-algorithm). */
export function asNodeError(error: unknown): AppException {
  return isAppException(error) ? error : new AppException(ErrorCode.NODE_RUN_ERROR);
}
