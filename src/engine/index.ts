// Public face of the workflow engine: the only path code outside src/engine imports (an ESLint
// rule holds it; test helpers have their own face, ./testing). Keep it stable.
import './nodes/register-all';
// the service-set augmentations every host relies on (EngineServices.runMode)
import './runtime/run-mode';

// ---- errors: the service's one error type and code table (src/core/errors re-exports them) ----
export { AppException, isAppException } from './errors/engine-error';
export { ErrorCode, type ErrorCodeEntry } from './errors/error-codes';
export { TtlCache } from './support/ttl-cache';

// ---- build and run ----
export { buildWorkflow } from './dsl/build-workflow';
export { runWorkflow, startWorkflow } from './runtime/run-workflow';
export type { WorkflowRun } from './runtime/run-workflow';
export type { RunInput } from './runtime/run-shared';
export type { NodeAttempts, NodeAttemptsListener } from './runtime/node-attempts';
export type { RunSnapshot, SnapshotNode } from './runtime/snapshot';
export type { BuiltWorkflow, BuiltNode } from './dsl/built-workflow';
export type { NodeExecutor } from './runtime/node-executor';
export type { ExecutorTraits } from './dsl/executor-traits';
export { registerExecutor, hasExecutor, registeredTypes } from './runtime/node-executor';
export type { NodeRunContext, OutputNodeSupport, SystemVariables } from './runtime/run-context';
export type { NodeResult, StreamChunk } from './runtime/node-result';
export type { HistoryItem } from './runtime/history-item';

// ---- frames and their delivery ----
export {
  ZERO_USAGE,
  type ChunkObject,
  type FrameChoice,
  type FrameNode,
  type InterruptEventData,
  type RunFrame,
  type TokenUsage,
} from './runtime/run-frame';
export { FrameChannel } from './runtime/frame-channel';
export { canCancelWait, type CancellableWait } from './runtime/iterator-protocol';
export { lazyIterator } from './runtime/lazy-iterator';
export { yieldToIo } from './runtime/yield-to-io';
export { displayJson } from './values/stringify';

// ---- services a host provides (EngineServices, filled in by each node type's folder) ----
export type { EngineServices } from './runtime/engine-services';
export { type VariableStore } from './nodes/node-variable/variable-store';
export { createLlmService } from './providers/llm-services';
export type { LlmMessage } from './providers/llm-provider';
export { abortReason } from './providers/idle-timer';
export { waitForDelivery } from './providers/delivered-value';
export {
  NODE_HISTORY_ROWS,
  selectHistory,
  truncateContent,
  type NodeHistoryKey,
  type NodeHistoryStore,
  type StoredTurn,
} from './providers/node-history';
export type { SubflowCall, SubflowFrame, SubflowService } from './nodes/flow/flow-services';
export { QUESTION_REFUSED } from './nodes/flow/subflow-reply';
export type { InterruptRegistry, ReceivedReply } from './nodes/question-answer/interrupt-registry';
export type { DatabaseBackend } from './nodes/database/database-service';
export { EmbeddedDatabase } from './nodes/database/embedded-database';
export { RemoteDatabase } from './nodes/database/remote-database';
export type { HttpNodeSettings } from './nodes/http-request/http-settings';
export type { ToolGateway } from './nodes/plugin/tool-gateway';
export { HttpToolGateway } from './nodes/plugin/http-tool-gateway';
export type { CodeEngineService } from './nodes/ifly-code/code-services';
export type { KnowledgeBaseService } from './nodes/knowledge-base/knowledge-base-service';
export { HttpKnowledgeBase } from './nodes/knowledge-base/http-knowledge-base';
export type { KnowledgeProService } from './nodes/knowledge-pro-base/knowledge-pro-service';
export { HttpKnowledgePro } from './nodes/knowledge-pro-base/http-knowledge-pro';
export type { AgentService } from './nodes/agent/agent-service';
export type { RpaService } from './nodes/rpa/rpa-service';

// ---- code sandbox ----
export type { CodeLanguage, CodeRunner } from './sandbox/code-runner';
export { LanguageRouter } from './sandbox/language-router';
export { IflyCodeRunner } from './sandbox/remote/ifly-code-runner';
export { SandboxCodeRunner } from './sandbox/sandbox-code-runner';
export type { SandboxPoolStats } from './sandbox/pool-stats';
export { sandboxTenant } from './sandbox/sandbox-tenant';
export type { RunMode } from './runtime/run-mode';
export { flowStartFrame } from './runtime/frames';
