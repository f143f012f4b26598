import OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { AppException, isAppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';
import { ZERO_USAGE, TokenUsage } from '../runtime/run-frame';
import { yieldToIo } from '../runtime/yield-to-io';
import { abortReason, frameTimeoutDetail, IdleTimer } from './idle-timer';
import { directBodyOf, nodeHttpFetch } from './node-http-fetch';
import { pumpSseJson, readSseJson } from './sse-json-reader';
import type {
  LlmChatRequest,
  LlmConnection,
  LlmMessage,
  LlmProvider,
  LlmResult,
  LlmToolCall,
} from './llm-provider';

type Delta = ChatCompletionChunk.Choice.Delta & { reasoning_content?: string | null };

/**
 * OpenAI-compatible chat completions (docs/nodes.md#openai-compatible): `url` is the full chat-completions URL,
 * the body is `{model: domain, messages, stream, ...extraParams}`. Every failure is 20380.
 */
export class OpenAiChatProvider implements LlmProvider {
  readonly source = 'openai' as const;
  private readonly client: OpenAI;

  constructor(
    private readonly connection: LlmConnection,
    requestTimeoutMs: number,
  ) {
    const baseURL = chatBaseUrl(connection.url);
    if (!baseURL) throw new AppException(ErrorCode.OPEN_AI_REQUEST_ERROR, 'Request URL is empty');
    this.client = new OpenAI({
      apiKey: connection.apiKey || 'none',
      baseURL,
      maxRetries: 0,
      timeout: requestTimeoutMs,
      fetch: nodeHttpFetch,
    });
  }

  async chat(request: LlmChatRequest): Promise<LlmResult> {
    // the SDK builds the request in one stretch (≈0.5 ms): streaming runs' frames go out first
    await yieldToIo();
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort(request.signal?.reason);
    if (request.signal?.aborted) throw abortReason(request.signal);
    request.signal?.addEventListener('abort', onOuterAbort, { once: true });
    let timedOut = false;
    const idle = new IdleTimer(request.frameTimeoutMs, () => {
      timedOut = true;
      controller.abort();
    });
    try {
      return request.stream === false
        ? await this.complete(request, controller.signal)
        : await this.stream(request, controller.signal, idle);
    } catch (error) {
      if (timedOut) {
        throw new AppException(
          ErrorCode.OPEN_AI_REQUEST_ERROR,
          frameTimeoutDetail(request.frameTimeoutMs!),
        );
      }
      if (request.signal?.aborted) throw abortReason(request.signal);
      if (isAppException(error)) throw error;
      throw new AppException(ErrorCode.OPEN_AI_REQUEST_ERROR, describe(error));
    } finally {
      idle.stop();
      request.signal?.removeEventListener('abort', onOuterAbort);
    }
  }

  private body(request: LlmChatRequest): Omit<ChatCompletionCreateParamsStreaming, 'stream'> {
    const body: Record<string, unknown> = {
      model: this.connection.domain,
      messages: request.messages.map(toOpenAiMessage),
      ...this.connection.extraParams,
    };
    if (request.jsonMode) body.response_format = { type: 'json_object' };
    if (request.functions?.length) {
      body.tools = request.functions.map((f) => ({ type: 'function', function: f }));
      if (request.functionChoice) {
        body.tool_choice = { type: 'function', function: { name: request.functionChoice } };
      }
    }
    return body as unknown as Omit<ChatCompletionCreateParamsStreaming, 'stream'>;
  }

  private async stream(
    request: LlmChatRequest,
    signal: AbortSignal,
    idle: IdleTimer,
  ): Promise<LlmResult> {
    const params: ChatCompletionCreateParamsStreaming = { ...this.body(request), stream: true };
    // the SDK sends the request and turns error statuses into its errors; the event stream is
    // read by our reader (synchronously from the socket for our fetch's bodies; no generator
    // layers per token; the SDK's [DONE] and `error` rules)
    const response = await this.client.chat.completions.create(params, { signal }).asResponse();
    let content = '';
    let reasoningContent = '';
    let usage: TokenUsage = ZERO_USAGE;
    const calls = new ToolCallCollector();
    const onChunk = (data: unknown): boolean => {
      const chunk = data as ChatCompletionChunk & { error?: unknown };
      if (chunk?.error) {
        throw new OpenAI.APIError(undefined, chunk.error as object, undefined, response.headers);
      }
      idle.touch();
      const choice = chunk?.choices?.[0];
      const delta = (choice?.delta ?? {}) as Delta;
      const piece = delta.content ?? '';
      const reasoning = delta.reasoning_content ?? '';
      content += piece;
      reasoningContent += reasoning;
      calls.add(delta.tool_calls);
      if (chunk?.usage) usage = toUsage(chunk.usage);
      if (piece || reasoning || choice?.finish_reason) {
        request.onFrame?.({
          content: piece,
          reasoningContent: reasoning,
          end: Boolean(choice?.finish_reason),
          raw: chunk,
        });
      }
      if (!choice?.finish_reason) return true;
      checkFinish(choice.finish_reason, request);
      return false;
    };
    try {
      const direct = directBodyOf(response);
      if (direct) await pumpSseJson(direct, onChunk);
      else if (response.body) await readSseJson(response.body, onChunk);
    } catch (error) {
      // an abort surfaces below as a failure of its own kind, as it did through the SDK
      if (!signal.aborted) throw error;
    }
    // an aborted read ended quietly above: surface it as a failure
    if (signal.aborted) throw new Error('aborted');
    return finish(content, reasoningContent, usage, calls.first());
  }

  private async complete(request: LlmChatRequest, signal: AbortSignal): Promise<LlmResult> {
    const params: ChatCompletionCreateParamsNonStreaming = { ...this.body(request), stream: false };
    const completion = await this.client.chat.completions.create(params, { signal });
    const choice = completion.choices?.[0];
    const message = (choice?.message ?? {}) as Delta;
    if (choice?.finish_reason) checkFinish(choice.finish_reason, request);
    const call = message.tool_calls?.[0] as
      { function?: { name?: string; arguments?: string } } | undefined;
    const toolCall = call?.function?.name
      ? { name: call.function.name, arguments: call.function.arguments ?? '' }
      : undefined;
    const usage = completion.usage ? toUsage(completion.usage) : ZERO_USAGE;
    return finish(message.content ?? '', message.reasoning_content ?? '', usage, toolCall);
  }
}

/** `https://host/v1/chat/completions` → `https://host/v1` (drop the last two path segments). */
export function chatBaseUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  if (!trimmed) return '';
  return trimmed.split('/').slice(0, -2).join('/');
}

function checkFinish(reason: string, request: LlmChatRequest): void {
  if (reason === 'stop') return;
  if (reason === 'tool_calls' && request.functions?.length) return;
  throw new AppException(ErrorCode.OPEN_AI_REQUEST_ERROR, `finish_reason: ${reason}`);
}

function finish(
  content: string,
  reasoningContent: string,
  usage: TokenUsage,
  toolCall: LlmToolCall | undefined,
): LlmResult {
  if (!content && !reasoningContent && !toolCall) {
    throw new AppException(ErrorCode.SPARK_REQUEST_ERROR, 'LLM returned empty result');
  }
  return { content, reasoningContent, usage, toolCall };
}

function toOpenAiMessage(message: LlmMessage): ChatCompletionMessageParam {
  if (message.contentType === 'image') {
    return {
      role: 'user',
      content: [{ type: 'image_url', image_url: { url: imageUrl(message.content) } }],
    };
  }
  return { role: message.role, content: message.content } as ChatCompletionMessageParam;
}

/** http(s) and data URLs pass through; bare base64 becomes a data URL with a sniffed type. */
export function imageUrl(content: string): string {
  if (/^(https?:|data:)/i.test(content)) return content;
  const head = content.slice(0, 16);
  const mime = head.startsWith('iVBOR')
    ? 'image/png'
    : head.startsWith('R0lGOD')
      ? 'image/gif'
      : head.startsWith('UklGR')
        ? 'image/webp'
        : 'image/jpeg';
  return `data:${mime};base64,${content}`;
}

function toUsage(usage: {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}): TokenUsage {
  return {
    completion_tokens: usage.completion_tokens ?? 0,
    prompt_tokens: usage.prompt_tokens ?? 0,
    total_tokens: usage.total_tokens ?? 0,
  };
}

function describe(error: unknown): string {
  if (error instanceof OpenAI.APIError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Streamed tool calls arrive in pieces keyed by index; keep the first complete one. */
class ToolCallCollector {
  private readonly calls = new Map<number, { name: string; arguments: string }>();

  add(parts: ChatCompletionChunk.Choice.Delta.ToolCall[] | undefined): void {
    for (const part of parts ?? []) {
      const call = this.calls.get(part.index) ?? { name: '', arguments: '' };
      call.name += part.function?.name ?? '';
      call.arguments += part.function?.arguments ?? '';
      this.calls.set(part.index, call);
    }
  }

  first(): LlmToolCall | undefined {
    const [call] = this.calls.values();
    return call?.name ? call : undefined;
  }
}
