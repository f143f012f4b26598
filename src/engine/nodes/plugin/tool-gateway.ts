import type { CallLimit } from '../call-limit';
import type { RequestParts } from './request-parts';

/** One OpenAPI operation of a tool, as the gateway's schema describes it. */
export interface ToolOperation {
  /** the tool id the gateway returned (sent back on the run call) */
  readonly toolId: string;
  readonly operationId: string;
  /** the operation object (`parameters`, `requestBody`, …) */
  readonly schema: Readonly<Record<string, unknown>>;
}

export interface ToolLookup {
  readonly appId: string;
  readonly toolId: string;
  readonly version: string;
  readonly operationId: string;
}

export interface ToolRun {
  readonly appId: string;
  readonly version: string;
  readonly operation: ToolOperation;
  readonly parts: RequestParts;
}

/** The tool gateway ("Link") plugin nodes call (engine service `toolGateway`). */
export interface ToolGateway {
  /** deadline of one node execution (both calls), before the node's retry budget */
  readonly timeoutMs: number;
  /** the operation, or undefined when the tool has no such operation */
  operation(lookup: ToolLookup, limit: CallLimit): Promise<ToolOperation | undefined>;
  /** runs the operation; answers the tool's JSON result */
  run(request: ToolRun, limit: CallLimit): Promise<unknown>;
}

declare module '../../runtime/engine-services' {
  interface EngineServices {
    toolGateway: ToolGateway;
  }
}
