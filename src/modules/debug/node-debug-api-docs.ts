import { ErrorCode } from '../../core/errors/error-code';
import type { NodeDebugResult } from './node-debug.service';

// Swagger facts for POST /node/debug (docs/api.md#node-debug): documentation only.

/** `data` of a text-joiner run alone. */
export const NODE_DEBUG_EXAMPLE: NodeDebugResult = {
  node_id: 'text-joiner::j1',
  alias_name: 'Joiner',
  node_type: 'text-joiner',
  input: '{"input": "hello"}',
  raw_output: '',
  output: '{"output": "<hello>"}',
  node_exec_cost: '0.004',
  token_cost: { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 },
};

/** Validation, the empty DSL, typical node failures, then the raw fallback. */
export const NODE_DEBUG_ERRORS = [
  ErrorCode.PARAM_ERROR,
  ErrorCode.ENG_PROTOCOL_VALIDATE_ERROR,
  ErrorCode.PROTOCOL_VALIDATION_ERROR,
  ErrorCode.ENG_BUILD_ERROR,
  ErrorCode.NODE_RUN_ERROR,
  ErrorCode.LLM_NODE_EXECUTION_ERROR,
  ErrorCode.SPARK_REQUEST_ERROR,
  ErrorCode.NODE_DEBUG_ERROR,
];

export const NODE_DEBUG_NOTE =
  '22100 `(Node configuration information not found)` when `nodes` is empty. A failing node ' +
  'answers its own code and message (docs/nodes.md), e.g. 23300, 20303, 22302. Anything unexpected ' +
  'answers 21700 `Node debug failed` (details in the service log under the sid).';
