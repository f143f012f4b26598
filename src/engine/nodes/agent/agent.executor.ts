import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { BuiltNode } from '../../dsl/built-workflow';
import { trimHistory } from '../../providers/chat-history';
import type { NodeResult } from '../../runtime/node-result';
import type { NodeRunContext } from '../../runtime/run-context';
import { registerExecutor, type NodeExecutor } from '../../runtime/node-executor';
import { withNodeCode } from '../output-common/output-errors';
import { EventStreamFailure, postEventStream } from '../event-stream/post-event-stream';
import { compileAgentParams, type AgentParams } from './agent-params';
import { agentChunkReader, newAgentReply } from './agent-reply';
import { agentRequestBody, type AgentMessage } from './agent-request';
import './agent-service';

// `agent` (docs/nodes.md#agent): one run of the agent service (engine service `agentService`),
// streamed token by token to the output nodes reading it. `REASONING_CONTENT` gets the
// reasoning (tool calls included), every other output the answer; the usage of the stop chunk
// is the node's token cost. A stream silent for longer than the node's timeout ends with 23700.

const REASONING_OUTPUT = 'REASONING_CONTENT';

/** Request history trimmed to `maxTokens` and `rounds`, text items only (docs/nodes.md#agent). */
function historyOf(p: AgentParams, ctx: NodeRunContext): AgentMessage[] | undefined {
  if (!p.historyV2.enabled) return undefined;
  return trimHistory([...ctx.history], p.historyV2.rounds, p.maxTokens, undefined)
    .filter((item) => !item.content_type || item.content_type === 'text')
    .map((item) => ({ role: item.role, content: item.content }));
}

function agentError(detail: string): AppException {
  return new AppException(ErrorCode.AGENT_NODE_EXECUTION_ERROR, detail);
}

async function execute(node: BuiltNode<AgentParams>, ctx: NodeRunContext): Promise<NodeResult> {
  const p = node.params;
  const service = ctx.service('agentService');
  if (!service.url) throw agentError('AGENT_API_URL is not configured');
  const inputs = ctx.resolveInputs();
  const history = historyOf(p, ctx);
  const body = agentRequestBody(p, {
    reasoning: ctx.renderDisplay(p.instruction.reasoning),
    answer: ctx.renderDisplay(p.instruction.answer),
    query: ctx.renderDisplay(p.instruction.query),
    history: history ?? [],
    uid: ctx.system.uid,
    callerSid: ctx.system.eventId,
  });
  const reply = newAgentReply();
  const idleMs = node.retry.timeoutMs;
  try {
    await postEventStream({
      url: service.url,
      headers: { 'x-consumer-username': p.appId },
      body,
      signal: ctx.signal,
      connectMs: service.connectTimeoutMs,
      totalMs: service.timeoutMs,
      idleMs,
      onData: agentChunkReader(reply, (chunk) => ctx.pushStream(chunk)),
    });
  } catch (error) {
    if (!(error instanceof EventStreamFailure)) throw error;
    if (error.kind === 'idle-timeout') {
      throw agentError(`Agent node response timeout (${idleMs / 1000}s)`);
    }
    throw agentError(error.detail);
  }
  const outputs: Record<string, unknown> = {};
  for (const output of node.outputs) {
    outputs[output.name] = output.name === REASONING_OUTPUT ? reply.reasoning : reply.answer;
  }
  return {
    inputs: history ? { ...inputs, chatHistory: history } : inputs,
    outputs,
    rawOutput: reply.answer,
    tokenCost: reply.usage,
  };
}

export const agentExecutor: NodeExecutor<AgentParams> = {
  compile: compileAgentParams,
  execute: (node, ctx) =>
    withNodeCode(ErrorCode.AGENT_NODE_EXECUTION_ERROR, () => execute(node, ctx)),
  // every output streams: REASONING_CONTENT readers take the reasoning part of the frames
  traits: { errorGroup: 'stream', streamProducer: () => true },
};

registerExecutor('agent', agentExecutor);
