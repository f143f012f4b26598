/**
 * How one execution of a node went through its attempt loop (docs/engine.md#attempt-loop). Not
 * on the wire: frames carry no retries, so the host hears of them through
 * `RunInput.onNodeAttempts` (run records, metrics).
 *
 * Reported for every execution of a node with error handling on (`retryConfig.shouldRetry` and
 * a type of an error-handling group), retried or not, just before the engine emits that
 * execution's end or error frame; never for other nodes. A host reading the frames therefore
 * pairs the n-th report of a node id with the n-th end or error frame of that node id (an
 * iteration body runs its nodes once per element), however far behind the engine it reads.
 */
export interface NodeAttempts {
  readonly nodeId: string;
  /** attempts made after the first (0 to `maxRetries`) */
  readonly retries: number;
  /** the error of the last attempt that failed; null when the first attempt succeeded */
  readonly lastError: { readonly code: number; readonly message: string } | null;
}

/** Called synchronously inside the run: it must be quick and must not throw. */
export type NodeAttemptsListener = (attempts: NodeAttempts) => void;
