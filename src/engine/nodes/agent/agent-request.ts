import type { AgentParams } from './agent-params';

// The agent service's request body (docs/nodes.md#agent), built from the compiled params and
// what the run rendered.

export interface AgentMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

export interface RenderedAgentCall {
  readonly reasoning: string;
  readonly answer: string;
  readonly history: readonly AgentMessage[];
  readonly query: string;
  readonly uid: string;
  /** identifies the calling run to the service (`meta_data.caller_sid`) */
  readonly callerSid: string;
}

/** `https://host/v1/chat/completions` → `https://host/v1` (OpenAI-compatible model bases). */
function withoutLastTwoSegments(url: string): string {
  const parts = url.split('/');
  return parts.length > 2 ? parts.slice(0, -2).join('/') : '';
}

export function agentRequestBody(p: AgentParams, call: RenderedAgentCall): Record<string, unknown> {
  const openai = p.source === 'openai';
  return {
    model_config: {
      domain: p.domain,
      api: openai ? withoutLastTwoSegments(p.api) : p.api,
      api_key: p.source === 'xinghuo' ? `${p.apiKey}:${p.apiSecret}` : p.apiKey,
    },
    instruction: { reasoning: call.reasoning, answer: call.answer },
    plugin: {
      tools: p.tools,
      mcp_server_ids: p.mcpServerIds,
      mcp_server_urls: p.mcpServerUrls,
      workflow_ids: p.workflowIds,
      knowledge: p.knowledge,
    },
    uid: call.uid,
    messages: [...call.history, { role: 'user', content: call.query }],
    meta_data: { caller: p.caller, caller_sid: call.callerSid },
    stream: true,
    max_loop_count: p.maxLoopCount,
  };
}
