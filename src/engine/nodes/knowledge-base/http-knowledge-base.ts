import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import { isPlainObject } from '../../values/values';
import { callJsonObject } from '../json-call';
import type { CallLimit } from '../call-limit';
import type { ServiceEndpoint } from '../service-endpoint';
import type { ChunkQuery, KnowledgeBaseService } from './knowledge-base-service';

// The knowledge service's chunk query over HTTP (docs/nodes.md#knowledge-base):
// `POST {KNOWLEDGE_URL}` with ASCII-only JSON, answer `{code, message, sid, data}`. Every
// failure of the request or its answer is 20500 "Knowledge base POST request error: …".

export class HttpKnowledgeBase implements KnowledgeBaseService {
  constructor(private readonly endpoint: ServiceEndpoint) {}

  get timeoutMs(): number {
    return this.endpoint.timeoutMs;
  }

  async query(request: ChunkQuery, limit: CallLimit): Promise<Record<string, unknown>> {
    const url = this.endpoint.url;
    if (!url) throw requestError('KNOWLEDGE_URL is not configured');
    const answer = await callJsonObject(url, { method: 'POST', body: asciiJson(request) }, limit, {
      transport: requestError,
      answer: requestError,
    });
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
