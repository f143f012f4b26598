import WebSocket from 'ws';
import { AppException, isAppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';
import { TokenUsage, ZERO_USAGE } from '../runtime/run-frame';
import { abortReason, frameTimeoutDetail, IdleTimer } from './idle-timer';
import type { LlmChatRequest, LlmConnection, LlmProvider, LlmResult } from './llm-provider';
import { sparkErrorFor } from './spark-error-codes';
import { resolveSparkUrl, signSparkUrl } from './spark-signed-url';

interface SparkFrame {
  header?: { code?: number; message?: string; sid?: string; status?: number };
  payload?: {
    choices?: {
      text?: {
        content?: string;
        reasoning_content?: string;
        function_call?: { name?: string; arguments?: string };
      }[];
    };
    usage?: { text?: Partial<TokenUsage> };
  };
}

const OPEN_TIMEOUT_MS = 60_000;

/**
 * iFlytek Spark chat over WebSocket (docs/nodes.md#spark-websocket) and its function calling (docs/nodes.md#spark-function-calling): one
 * signed connection per call, one request message, frames until `header.status == 2`.
 */
export class SparkChatProvider implements LlmProvider {
  readonly source = 'xinghuo' as const;
  private readonly url: string;

  constructor(
    private readonly connection: LlmConnection,
    sparkHost: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    const url = resolveSparkUrl(connection.url, connection.domain, sparkHost);
    if (!url) throw new AppException(ErrorCode.SPARK_REQUEST_ERROR, 'Request URL is empty');
    this.url = url;
  }

  chat(request: LlmChatRequest): Promise<LlmResult> {
    if (request.signal?.aborted) return Promise.reject(abortReason(request.signal));
    const signed = signSparkUrl(
      this.url,
      this.connection.apiKey,
      this.connection.apiSecret,
      this.now(),
    );
    const functionCalling = Boolean(request.functions?.length);
    return new Promise<LlmResult>((resolve, reject) => {
      const ws = new WebSocket(signed, { handshakeTimeout: OPEN_TIMEOUT_MS });
      let content = '';
      let reasoningContent = '';
      let settled = false;
      const done = (error: Error | undefined, result?: LlmResult) => {
        if (settled) return;
        settled = true;
        idle.stop();
        request.signal?.removeEventListener('abort', onAbort);
        if (ws.readyState === WebSocket.OPEN) ws.close();
        else ws.terminate();
        if (error) reject(error);
        else resolve(result!);
      };
      const idle = new IdleTimer(request.frameTimeoutMs, () =>
        done(
          new AppException(
            ErrorCode.SPARK_REQUEST_ERROR,
            frameTimeoutDetail(request.frameTimeoutMs!),
          ),
        ),
      );
      const onAbort = () => done(abortReason(request.signal!));
      request.signal?.addEventListener('abort', onAbort, { once: true });

      ws.on('open', () => ws.send(JSON.stringify(this.body(request))));
      ws.on('unexpected-response', (_req, res) =>
        done(new AppException(ErrorCode.SPARK_REQUEST_ERROR, `HTTP ${res.statusCode}`)),
      );
      ws.on('error', (error) =>
        done(new AppException(ErrorCode.SPARK_REQUEST_ERROR, error.message)),
      );
      ws.on('close', () =>
        done(
          new AppException(ErrorCode.SPARK_REQUEST_ERROR, 'WebSocket connection closed abnormally'),
        ),
      );
      ws.on('message', (data) => {
        idle.touch();
        try {
          const frame = JSON.parse(String(data)) as SparkFrame;
          const header = frame.header ?? {};
          if (header.code) {
            const error = new AppException(sparkErrorFor(header.code));
            error.cause = frame;
            return done(error);
          }
          if (functionCalling && header.sid?.endsWith('1')) {
            return done(new AppException(ErrorCode.SPARK_QUICK_REPAIR_ERROR));
          }
          const text = frame.payload?.choices?.text?.[0] ?? {};
          const piece = text.content ?? '';
          const reasoning = text.reasoning_content ?? '';
          content += piece;
          reasoningContent += reasoning;
          if (piece || reasoning || header.status === 2) {
            request.onFrame?.({
              content: piece,
              reasoningContent: reasoning,
              end: header.status === 2,
              raw: frame,
            });
          }
          if (header.status !== 2) return;
          const usage = toUsage(frame.payload?.usage?.text);
          if (functionCalling) {
            const call = text.function_call;
            if (!call?.name)
              return done(new AppException(ErrorCode.SPARK_FUNCTION_NOT_CHOICE_ERROR));
            const toolCall = { name: call.name, arguments: call.arguments ?? '' };
            return done(undefined, { content, reasoningContent, usage, toolCall });
          }
          if (!content && !reasoningContent) {
            return done(
              new AppException(ErrorCode.SPARK_REQUEST_ERROR, 'LLM returned empty result'),
            );
          }
          done(undefined, { content, reasoningContent, usage });
        } catch (error) {
          done(
            isAppException(error)
              ? error
              : new AppException(ErrorCode.SPARK_REQUEST_ERROR, (error as Error).message),
          );
        }
      });
    });
  }

  private body(request: LlmChatRequest): Record<string, unknown> {
    const c = this.connection;
    const header: Record<string, unknown> = { app_id: c.appId, uid: c.uid };
    if (c.patchId.length) header.patch_id = c.patchId;
    const chat: Record<string, unknown> = {
      domain: c.domain,
      temperature: c.temperature,
      max_tokens: c.maxTokens,
      top_k: c.topK,
      auditing: 'default',
    };
    const payload: Record<string, unknown> = {
      message: {
        text: request.messages.map((m) => ({
          role: m.role,
          content: m.content,
          ...(m.contentType ? { content_type: m.contentType } : {}),
        })),
      },
    };
    if (request.functions?.length) {
      if (request.questionType) chat.question_type = request.questionType;
      if (request.functionChoice) chat.function_choice = request.functionChoice;
      payload.functions = { text: request.functions };
    } else if (c.searchDisable) {
      chat.question_type = 'not_knowledge';
    } else {
      chat.tools = [
        {
          type: 'web_search',
          web_search: { enable: true, show_ref_label: false, search_mode: 'normal' },
        },
      ];
    }
    if (c.disableThinking) chat.enable_thinking = false;
    return { header, parameter: { chat }, payload };
  }
}

function toUsage(usage: Partial<TokenUsage> | undefined): TokenUsage {
  if (!usage) return ZERO_USAGE;
  return {
    completion_tokens: usage.completion_tokens ?? 0,
    prompt_tokens: usage.prompt_tokens ?? 0,
    total_tokens: usage.total_tokens ?? 0,
  };
}
