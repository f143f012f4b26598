import type { NodeDefinition } from '../../dsl/dsl.types';
import { nodeProtocolError } from '../../dsl/build-errors';
import { historyV2Settings } from '../../providers/chat-history';

/** Compiled `nodeParam` of a `flow::` node (docs/nodes.md#flow). */
export interface FlowParams {
  flowId: string;
  /** app alias the sub-flow runs as */
  appId: string;
  uid: string;
  /** published version label; undefined = the latest */
  version?: string;
  /** forward the request history (v2) to the sub-flow */
  forwardHistory: boolean;
}

export function compileFlowParams(def: NodeDefinition): FlowParams {
  const p = def.nodeParam;
  return {
    flowId: required(p, 'flowId'),
    appId: required(p, 'appId'),
    uid: required(p, 'uid'),
    version: typeof p.version === 'string' && p.version ? p.version : undefined,
    forwardHistory: historyV2Settings(p).enabled,
  };
}

function required(p: Readonly<Record<string, unknown>>, key: string): string {
  const value = p[key];
  if (typeof value !== 'string' || value.length === 0) {
    throw nodeProtocolError(`flow node: ${key} must be a non-empty string`);
  }
  return value;
}
