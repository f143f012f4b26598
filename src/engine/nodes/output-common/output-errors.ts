import { AppException, isAppException } from '../../errors/engine-error';
import type { ErrorCodeEntry } from '../../errors/error-codes';

/** Run `work`; domain errors pass through, anything else becomes the node's own code. */
export async function withNodeCode<T>(code: ErrorCodeEntry, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAppException(error)) throw error;
    throw new AppException(code);
  }
}
