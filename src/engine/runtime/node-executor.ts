import { AppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';
import type { NodeDefinition } from '../dsl/dsl.types';
import type { ExecutorTraits } from '../dsl/executor-traits';
import type { BuiltNode } from '../dsl/built-workflow';
import type { NodeResult } from './node-result';
import type { NodeRunContext } from './run-context';

/**
 * One node type's behaviour: a build-time compile step and a run-time execute step.
 * Register it with `registerExecutor('<prefix>', executor)`; the engine dispatches on the
 * node id's type prefix (text before the first `:`).
 */
export interface NodeExecutor<P = unknown> {
  /**
   * Build time: validate `def.nodeParam` (and inputs/outputs where the type cares) and return
   * the compiled, immutable parameters. Throw `AppException(ErrorCode.ENG_NODE_PROTOCOL_
   * VALIDATE_ERROR, detail)` (22101) for documented protocol errors; any other Error becomes a
   * generic build error (20100 with its text).
   */
  compile(def: NodeDefinition): P;
  /**
   * Run time: resolve inputs through `ctx`, do the work, return the result. Throw
   * `AppException` with the node's own error code on failure (non-domain errors are wrapped
   * as 22302 by the engine). Honour `ctx.signal`.
   */
  execute(node: BuiltNode<P>, ctx: NodeRunContext): Promise<NodeResult>;
  /** Engine-level traits (docs/engine.md#node-ids-and-types table). */
  readonly traits?: ExecutorTraits<P>;
}

const registry = new Map<string, NodeExecutor<unknown>>();

export function registerExecutor<P>(prefix: string, executor: NodeExecutor<P>): void {
  registry.set(prefix, executor as NodeExecutor<unknown>);
}

export function hasExecutor(prefix: string): boolean {
  return registry.has(prefix);
}

/** The executor of a node type; unknown types fail the build with 22101 (docs/engine.md#build-and-validation step 5). */
export function executorFor(type: string): NodeExecutor<unknown> {
  const executor = registry.get(type);
  if (!executor) {
    throw new AppException(
      ErrorCode.ENG_NODE_PROTOCOL_VALIDATE_ERROR,
      `Current workflow does not support node type: ${type}`,
    );
  }
  return executor;
}

export function registeredTypes(): string[] {
  return [...registry.keys()];
}
