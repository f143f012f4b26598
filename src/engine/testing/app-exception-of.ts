import { AppException } from '../errors/engine-error';

/** The AppException `promise` rejects with; anything else (a result, another error) fails. */
export async function appExceptionOf(promise: Promise<unknown>): Promise<AppException> {
  const outcome = await promise.then(
    (value: unknown) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if ('error' in outcome && outcome.error instanceof AppException) return outcome.error;
  throw new Error(`expected an AppException, got ${JSON.stringify(outcome)}`);
}
