import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import { isPlainObject } from '../../values/values';
import { gatewayRefused } from '../plugin/gateway-codes';

// How the agent's tool calls read in the node's reasoning (docs/nodes.md#agent): a markdown
// block per call with its reason and a JSON summary. A tool call the gateway refused fails the
// node with the tool's mapped code (218xx), as a plugin node would.

interface ToolCall {
  type?: unknown;
  reason?: unknown;
  function?: { name?: unknown; arguments?: unknown; response?: unknown };
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppException(ErrorCode.AGENT_NODE_EXECUTION_ERROR, `${what} is not JSON`);
  }
}

/** What a call's `response` (a JSON string) shows as data, per tool type. */
function responseData(type: string, responseText: string): unknown {
  const response = parseJson(responseText, 'tool call response');
  const body = isPlainObject(response) ? response : {};
  if (type === 'tool') {
    const header = body.header;
    if (isPlainObject(header)) {
      if (header.code !== 0) throw gatewayRefused(header.code, header.message);
      const payload = isPlainObject(body.payload) ? body.payload : {};
      const text = isPlainObject(payload.text) ? payload.text.text : undefined;
      return typeof text === 'string' && text ? parseJson(text, 'tool result') : {};
    }
    // an MCP server's result
    const data = isPlainObject(body.data) ? body.data : {};
    return data.content ?? [];
  }
  if (type === 'knowledge') return body.metadata_list ?? [];
  return response; // workflows (and unknown types): the parsed response as it is
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

export function toolCallsText(calls: readonly unknown[]): string {
  return calls
    .map((raw) => {
      const call = (isPlainObject(raw) ? raw : {}) as ToolCall;
      const type = text(call.type);
      const fn = isPlainObject(call.function) ? call.function : {};
      const response = typeof fn.response === 'string' && fn.response ? fn.response : '{}';
      const summary = JSON.stringify(
        {
          arguments: text(fn.arguments),
          name: text(fn.name),
          response: responseData(type, response),
        },
        null,
        4,
      );
      return `**Reasoning tool ${type}**\n> ${text(call.reason)}\n\n\`\`\`json\n${summary}\n\`\`\`\n---`;
    })
    .join('\n');
}
