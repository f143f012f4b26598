import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { NodeOutput } from '../../dsl/dsl.types';
import type { SubflowReply } from './subflow-reply';

/** End-node output modes a sub-flow can answer in (docs/nodes.md#flow). */
export const VARIABLE_MODE = 0;
export const PROMPT_MODE = 1;
/** the reference's "old prompt" mode: the text goes to the first output */
export const OLD_PROMPT_MODE = 2;

/**
 * The node's outputs from the sub-flow's answer: variable mode parses the text as a JSON
 * object (22802 otherwise), prompt mode gives `content` / `reasoning_content`. Only declared
 * names are kept; missing ones keep their defaults.
 */
export function flowOutputs(
  mode: number,
  reply: SubflowReply,
  declared: readonly NodeOutput[],
): Record<string, unknown> {
  let result: Record<string, unknown>;
  if (mode === VARIABLE_MODE) {
    result = parseObject(reply.content);
  } else if (mode === PROMPT_MODE) {
    result = { content: reply.content, reasoning_content: reply.reasoningContent };
  } else if (mode === OLD_PROMPT_MODE) {
    result = declared.length ? { [declared[0].name]: reply.content } : {};
  } else {
    throw new AppException(ErrorCode.WORKFLOW_EXECUTION_ERROR);
  }
  const outputs: Record<string, unknown> = {};
  for (const { name } of declared) {
    if (Object.prototype.hasOwnProperty.call(result, name)) outputs[name] = result[name];
  }
  return outputs;
}

function parseObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AppException(ErrorCode.WORKFLOW_EXEC_RESP_FORMAT_ERROR);
  }
  return value as Record<string, unknown>;
}
