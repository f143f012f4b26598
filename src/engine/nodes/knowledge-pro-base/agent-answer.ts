import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { StreamChunk } from '../../runtime/node-result';
import type { TokenUsage } from '../../runtime/run-frame';
import { isPlainObject } from '../../values/values';

// The answer of the agentic RAG service, message by message (docs/nodes.md#knowledge-pro-base):
// `{code, message, data: {content_type, content}, finish_reason?, usage?}`. Answer pieces are
// pushed to the output nodes as they come; a `reasoning` piece streams as reasoning; the last
// `knowledge_metadata` list is the result (the reference keeps it only when it comes last);
// the last `usage` seen is the node's token cost.

export class AgentAnswer {
  text = '';
  reasoning = '';
  metadata: unknown[] = [];
  usage?: TokenUsage;
  /** at least one frame went to the output nodes */
  streamed = false;
  private ended = false;

  constructor(private readonly push: (chunk: StreamChunk) => void) {}

  take(message: unknown): void {
    if (!isPlainObject(message)) throw malformed('not a JSON object');
    const code = message.code ?? 0;
    if (code !== 0) {
      const text = typeof message.message === 'string' && message.message ? message.message : '';
      throw new AppException(ErrorCode.KNOWLEDGE_REQUEST_ERROR, text || `code ${String(code)}`);
    }
    this.usage = usageOf(message.usage) ?? this.usage;
    const data = isPlainObject(message.data) ? message.data : {};
    const type = data.content_type ?? 'answer';
    const stop = message.finish_reason === 'stop';
    if (type === 'answer' || type === 'reasoning') {
      const piece = typeof data.content === 'string' ? data.content : '';
      if (type === 'answer') this.text += piece;
      else this.reasoning += piece;
      this.send({
        content: type === 'answer' ? piece : '',
        reasoningContent: type === 'reasoning' ? piece : '',
        end: stop,
      });
      return;
    }
    if (type === 'knowledge_metadata' && Array.isArray(data.content)) this.metadata = data.content;
    if (stop) this.finish();
  }

  /** the end frame, once */
  finish(): void {
    if (!this.ended) this.send({ content: '', reasoningContent: '', end: true });
  }

  private send(chunk: StreamChunk): void {
    if (this.ended) return;
    this.streamed = true;
    this.ended = Boolean(chunk.end);
    this.push(chunk);
  }
}

function malformed(detail: string): AppException {
  return new AppException(ErrorCode.KNOWLEDGE_NODE_EXECUTION_ERROR, `malformed message: ${detail}`);
}

/** An OpenAI-style usage object, or undefined when absent or incomplete. */
function usageOf(value: unknown): TokenUsage | undefined {
  if (!isPlainObject(value)) return undefined;
  const { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total } = value;
  if (typeof prompt !== 'number' || typeof completion !== 'number') return undefined;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: typeof total === 'number' ? total : prompt + completion,
  };
}
