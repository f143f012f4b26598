import type { NodeDefinition } from '../dsl/dsl.types';
import type { ExecutorTraits } from '../dsl/executor-traits';
import type { NodeCompiler } from '../dsl/node-compilers';
import type { BuiltNode } from '../dsl/built-workflow';
import { compilerFor, registerCompiler } from '../dsl/node-compilers';
import type { NodeResult } from './node-result';
import type { NodeRunContext } from './run-context';

/**
 * One node type's behaviour: a build-time compile step and a run-time execute step.
 * Register it with `registerExecutor('<prefix>', executor)`; the engine dispatches on the
 * node id's type prefix (text before the first `:`).
 */
export interface NodeExecutor<P = unknown> extends NodeCompiler<P> {
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

const executors = new Map<string, NodeExecutor<unknown>>();

/** Registers a node type: its compile step for the build, its execute step for the runtime. */
export function registerExecutor<P>(prefix: string, executor: NodeExecutor<P>): void {
  registerCompiler(prefix, executor);
  executors.set(prefix, executor as NodeExecutor<unknown>);
}

export {
  hasCompiler as hasExecutor,
  compiledTypes as registeredTypes,
} from '../dsl/node-compilers';

/** The executor of a built node's type (the build already refused unknown types). */
export function executorFor(type: string): NodeExecutor<unknown> {
  const executor = executors.get(type);
  if (executor) return executor;
  compilerFor(type); // an unknown type: the build's 22101
  throw new Error(`node type ${type} has a compile step but no executor`);
}
