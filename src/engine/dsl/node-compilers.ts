import { AppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';
import type { NodeDefinition } from './dsl.types';
import type { ExecutorTraits } from './executor-traits';

/** What the build needs of a node type: its compile step and its traits (docs/engine.md#node-ids-and-types). */
export interface NodeCompiler<P = unknown> {
  compile(def: NodeDefinition): P;
  readonly traits?: ExecutorTraits<P>;
}

// Filled by registerExecutor (runtime/node-executor.ts): the build reads node types from here,
// so the DSL layer does not depend on the runtime that executes them.
const compilers = new Map<string, NodeCompiler>();

export function registerCompiler<P>(prefix: string, compiler: NodeCompiler<P>): void {
  compilers.set(prefix, compiler as NodeCompiler);
}

export function hasCompiler(prefix: string): boolean {
  return compilers.has(prefix);
}

export function compiledTypes(): string[] {
  return [...compilers.keys()];
}

/** The compile step of a node type; unknown types fail the build with 22101 (docs/engine.md#build-and-validation step 5). */
export function compilerFor(type: string): NodeCompiler {
  const compiler = compilers.get(type);
  if (!compiler) {
    throw new AppException(
      ErrorCode.ENG_NODE_PROTOCOL_VALIDATE_ERROR,
      `Current workflow does not support node type: ${type}`,
    );
  }
  return compiler;
}
