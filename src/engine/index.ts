// Public API of the workflow engine. Keep stable: the HTTP layer and tests depend on it.
import './nodes/register-all';

export { buildWorkflow } from './dsl/build-workflow';
export { runWorkflow, startWorkflow } from './runtime/run-workflow';
export type { WorkflowRun } from './runtime/run-workflow';
export type { RunInput } from './runtime/run-shared';
export type { RunSnapshot, SnapshotNode } from './runtime/snapshot';
export type { BuiltWorkflow, BuiltNode } from './dsl/built-workflow';
export type { NodeExecutor } from './runtime/node-executor';
export type { ExecutorTraits } from './dsl/executor-traits';
export { registerExecutor, hasExecutor, registeredTypes } from './runtime/node-executor';
export type { EngineServices } from './runtime/engine-services';
export type { NodeRunContext, OutputNodeSupport, SystemVariables } from './runtime/run-context';
export type { NodeResult, StreamChunk } from './runtime/node-result';
export type { RunFrame, FrameNode, TokenUsage } from './runtime/run-frame';
export {
  MemoryVariableStore,
  RedisVariableStore,
  type VariableStore,
} from './nodes/node-variable/variable-store';
