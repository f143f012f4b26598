import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import { isPlainObject } from '../../values/values';
import type { CallLimit } from '../plugin/tool-gateway';
import type { ChunkQuery, KnowledgeBaseService } from './knowledge-base-service';

// The knowledge service's chunk query over HTTP (docs/nodes.md#knowledge-base):
// `POST {KNOWLEDGE_URL}` with ASCII-only JSON, answer `{code, message, sid, data}`. Every
// failure of the request or its answer is 20500 "Knowledge base POST request error: …".

export interface HttpKnowledgeBaseOptions {
  readonly url?: string;
  readonly timeoutMs: number;
}

export class HttpKnowledgeBase implements KnowledgeBaseService {
  constructor(private readonly options: HttpKnowledgeBaseOptions) {}

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  async query(request: ChunkQuery, limit: CallLimit): Promise<Record<string, unknown>> {
    const url = this.options.url;
    if (!url) throw requestError('KNOWLEDGE_URL is not configured');
    let status = 0;
    let text: string;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: asciiJson(request),
        signal: limit.signal,
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if (limit.timedOut()) throw requestError(`no answer within ${limit.ms} ms`);
      if (limit.signal.aborted) throw error;
      throw requestError(causeText(error));
    }
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      throw requestError(`HTTP ${status}, not a JSON body: ${text.slice(0, 200)}`);
    }
    if (!isPlainObject(answer)) throw requestError(`HTTP ${status}, not a JSON object`);
    if (answer.code !== 0) {
      const reason = `err code ${String(answer.code)}, reason ${String(answer.message)}`;
      throw requestError(`${reason}, sid ${String(answer.sid)}`);
    }
    return isPlainObject(answer.data) ? answer.data : {};
  }
}

function requestError(detail: string): AppException {
  return new AppException(
    ErrorCode.KNOWLEDGE_REQUEST_ERROR,
    `Knowledge base POST request error: ${detail}`,
  );
}

/** JSON with every non-ASCII character escaped, as the reference sends it. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** fetch hides the socket error in `cause`; duck-typed (the error may come from another realm). */
export function causeText(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { message?: unknown } };
  if (typeof message !== 'string') return String(error);
  return typeof cause?.message === 'string' ? `${message}: ${cause.message}` : message;
}
