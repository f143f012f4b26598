import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { StreamChunk } from '../../runtime/node-result';
import { ZERO_USAGE, type TokenUsage } from '../../runtime/run-frame';
import { isPlainObject } from '../../values/values';
import { toolCallsText } from './tool-call-text';

// Reads the agent service's chunks (docs/nodes.md#agent): OpenAI chunks plus `code` and
// `message`. A non-zero code fails the node (23700 with the message), empty choices end the
// answer, content and reasoning (tool calls as formatted reasoning) are collected and handed
// on to the output nodes, the stop chunk carries the usage.

export interface AgentReply {
  answer: string;
  reasoning: string;
  usage: TokenUsage;
  /** the stop chunk (or empty choices) arrived */
  finished: boolean;
}

export function newAgentReply(): AgentReply {
  return { answer: '', reasoning: '', usage: { ...ZERO_USAGE }, finished: false };
}

function usageOf(value: unknown): TokenUsage {
  const usage = isPlainObject(value) ? value : {};
  const count = (key: string) => (typeof usage[key] === 'number' ? usage[key] : 0);
  return {
    completion_tokens: count('completion_tokens'),
    prompt_tokens: count('prompt_tokens'),
    total_tokens: count('total_tokens'),
  };
}

/** A chunk handler for the event stream: answers false once the answer is complete. */
export function agentChunkReader(
  reply: AgentReply,
  push: (chunk: StreamChunk) => void,
): (data: unknown) => boolean {
  return (data) => {
    if (!isPlainObject(data)) {
      throw new AppException(ErrorCode.AGENT_NODE_EXECUTION_ERROR, 'agent chunk is not an object');
    }
    const code = data.code ?? 0;
    if (code !== 0) {
      const message = typeof data.message === 'string' ? data.message : `code ${String(code)}`;
      throw new AppException(ErrorCode.AGENT_NODE_EXECUTION_ERROR, message);
    }
    const choices = Array.isArray(data.choices) ? data.choices : [];
    const choice: unknown = choices[0];
    if (!isPlainObject(choice)) {
      reply.finished = true;
      return false;
    }
    const delta = isPlainObject(choice.delta) ? choice.delta : {};
    const content = typeof delta.content === 'string' ? delta.content : '';
    let reasoning = typeof delta.reasoning_content === 'string' ? delta.reasoning_content : '';
    if (Array.isArray(delta.tool_calls) && delta.tool_calls.length > 0) {
      reasoning += toolCallsText(delta.tool_calls);
    }
    reply.answer += content;
    reply.reasoning += reasoning;
    const stop = choice.finish_reason === 'stop';
    if (stop) {
      reply.usage = usageOf(data.usage);
      reply.finished = true;
    }
    if (content || reasoning || stop) push({ content, reasoningContent: reasoning, end: stop });
    return !stop;
  };
}
