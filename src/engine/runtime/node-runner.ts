import { AppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';
import type { BuiltNode } from '../dsl/built-workflow';
import { executorFor } from './node-executor';
import { checkAgainstOutputs } from '../variables/schema-check';
import { resolveAllInputs } from '../variables/resolve-input';
import { elapsedSeconds, nodeEndFrame, nodeErrorFrame, nodeStartFrame } from './frames';
import { NodeContext } from './node-context';
import type { NodeResult } from './node-result';
import { asNodeError } from './node-error';
import type { ScopeRunView } from './scope-run-view';

// Execution of one ordinary (non-output) node with retries, timeouts and error strategies
// (docs/engine.md#run-algorithm, docs/engine.md#attempt-loop). Emits the node's start and end/error frames.

export interface NodeOutcome {
  readonly result: NodeResult;
  readonly routedToFail: boolean;
}

class AttemptTimeout extends Error {}

export async function runNode(scope: ScopeRunView, n: number): Promise<NodeOutcome> {
  const { shared } = scope;
  const node = scope.node(n);
  const executor = executorFor(node.type);
  const started = shared.now();
  scope.startTimes.set(n, started);
  const resumeState = shared.takeResumeState(node.id);
  // an entry node checks the start parameters before anything is shown (docs/engine.md#start-parameters): a rejected
  // parameter set yields only its error frame
  const deferStart = node.traits.entry === true;
  if (resumeState === undefined && !deferStart) {
    shared.emit(nodeStartFrame(node, shared.progress(n)));
  }
  scope.preStartFor(n);
  const policy = node.retry;
  const attempts = policy.enabled ? policy.maxRetries + 1 : 1;
  // created only on failure: building an exception (and its stack) per run is measurable
  let error: AppException | undefined;
  let attempt = 0;
  for (; attempt < attempts; attempt += 1) {
    const timed = policy.enabled && policy.group === 'non-stream';
    const controller = timed ? new AbortController() : null;
    const unlink = controller ? linked(scope.signal, controller) : undefined;
    const ctx = new NodeContext(
      scope,
      node,
      controller ? controller.signal : scope.signal,
      attempt === 0 ? resumeState : undefined,
    );
    try {
      const running = executor.execute(node, ctx);
      const result = controller
        ? await withTimeout(running, policy.timeoutMs, controller)
        : await running;
      writeResult(scope, node, result);
      if (deferStart) shared.emit(nodeStartFrame(node, shared.progress(n)));
      scope.closeStreams(n, false);
      shared.addUsage(result.tokenCost);
      reportAttempts(scope, node, attempt, error);
      shared.emit(nodeEndFrame(node, result, shared.progress(n), elapsed(scope, n)));
      return { result, routedToFail: false };
    } catch (caught) {
      if (scope.signal.aborted) throw caught;
      error =
        caught instanceof AttemptTimeout
          ? new AppException(ErrorCode.NODE_RUN_ERROR, 'Node execution timeout')
          : asNodeError(caught);
      if (!policy.enabled || ctx.streamed) break;
      if (attempt + 1 < attempts) continue;
      if (policy.strategy === 0) break;
      reportAttempts(scope, node, attempt, error);
      return fallback(scope, node, error, policy.strategy === 2);
    } finally {
      unlink?.();
    }
  }
  const failure = error ?? new AppException(ErrorCode.NODE_RUN_ERROR);
  reportAttempts(scope, node, attempt, failure);
  shared.emit(
    nodeErrorFrame(node, failure.code, failure.message, shared.progress(n), elapsed(scope, n)),
  );
  throw failure;
}

/** Tell the host how the attempts went, before the frame that ends them (see NodeAttempts). */
function reportAttempts(
  scope: ScopeRunView,
  node: BuiltNode,
  retries: number,
  error: AppException | undefined,
): void {
  const listener = scope.shared.input.onNodeAttempts;
  if (!listener || !node.retry.enabled) return;
  const lastError = error ? { code: error.code, message: error.message } : null;
  listener({ nodeId: node.id, retries, lastError });
}

function elapsed(scope: ScopeRunView, n: number): number {
  return elapsedSeconds(scope.startTimes.get(n) ?? scope.shared.now(), scope.shared.now());
}

/** Strategy 1 (custom output) or 2 (fail branch): the node "succeeds" with fallback outputs. */
function fallback(
  scope: ScopeRunView,
  node: BuiltNode,
  error: AppException,
  failBranch: boolean,
): NodeOutcome {
  let inputs: Record<string, unknown> = {};
  try {
    inputs = resolveAllInputs(scope.shared.workflow, scope.pool, node);
  } catch {
    // inputs are informational here
  }
  const outputs = failBranch ? {} : { ...node.retry.customOutput };
  scope.pool.write(node, outputs, error.code, error.message);
  scope.closeStreams(node.index, true);
  const result: NodeResult = {
    inputs,
    outputs,
    errorOutputs: { errorCode: error.code, errorMessage: error.message },
  };
  const { shared } = scope;
  shared.emit(nodeEndFrame(node, result, shared.progress(node.index), elapsed(scope, node.index)));
  return { result, routedToFail: failBranch };
}

/** Validate and store a result's outputs (docs/engine.md#writing-outputs). */
export function writeResult(scope: ScopeRunView, node: BuiltNode, result: NodeResult): void {
  const { traits } = node;
  if (traits.writesNothing) return;
  const values = traits.inputsAreOutputs ? result.inputs : result.outputs;
  if (node.outputs.length) {
    const problems = checkAgainstOutputs(node.outputs, values);
    if (problems.length) {
      throw new AppException(
        ErrorCode.VARIABLE_POOL_SET_PARAMETER_ERROR,
        `Node name: ${node.id}, error message: ${problems.join(';')}`,
      );
    }
  }
  scope.pool.write(node, values);
}

/** abort `child` with `parent`; returns the unlink function */
function linked(parent: AbortSignal, child: AbortController): () => void {
  if (parent.aborted) {
    child.abort(parent.reason);
    return () => undefined;
  }
  const onAbort = () => child.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  return () => parent.removeEventListener('abort', onAbort);
}

function withTimeout<T>(work: Promise<T>, ms: number, controller: AbortController): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new AttemptTimeout();
      controller.abort(error);
      reject(error);
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
