import { AppException, isAppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import { isPlainObject } from '../../values/values';
import { causeText } from '../fetch-cause';
import type { ServiceEndpoint } from '../service-endpoint';
import type {
  AgentChatLimits,
  AgentChatRequest,
  KnowledgeProService,
} from './knowledge-pro-service';

// The agentic RAG service over HTTP + SSE (docs/nodes.md#knowledge-pro-base):
// `POST {KNOWLEDGE_PRO_URL}`, answer `data: {json}` lines ending with `data: [DONE]`. Each wait
// (headers, then every read) is bounded by the read timeout; the whole call by 30 minutes.
// Read line by line like the reference (each line one message, blank lines skipped), so a
// service that leaves out the blank line between events is still understood.

const TOTAL_TIMEOUT_MS = 30 * 60 * 1000;

export class HttpKnowledgePro implements KnowledgeProService {
  constructor(private readonly endpoint: ServiceEndpoint) {}

  get readTimeoutMs(): number {
    return this.endpoint.timeoutMs;
  }

  async chat(
    request: AgentChatRequest,
    limits: AgentChatLimits,
    onMessage: (message: unknown) => void,
  ): Promise<void> {
    const url = this.endpoint.url;
    if (!url) throw executionError('KNOWLEDGE_PRO_URL is not configured');
    const idle = new IdleDeadline(limits.readTimeoutMs);
    const total = AbortSignal.timeout(TOTAL_TIMEOUT_MS);
    const signal = AbortSignal.any([limits.signal, idle.signal, total]);
    const timeout = () => {
      const ms = idle.signal.aborted ? limits.readTimeoutMs : TOTAL_TIMEOUT_MS;
      return executionError(`Knowledge Pro node response timeout (${seconds(ms)}s)`);
    };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
        signal,
      });
      idle.touch();
      if (!response.ok || !response.body) throw await refused(response);
      const done = await readDataLines(response.body, idle, onMessage);
      if (!done) throw executionError('stream ended before [DONE]');
    } catch (error) {
      if (limits.signal.aborted) throw error;
      if (idle.signal.aborted || total.aborted) throw timeout();
      if (isAppException(error)) throw error;
      throw executionError(causeText(error));
    } finally {
      idle.clear();
    }
  }
}

/**
 * Hands each `data:` line's JSON to `onMessage`; answers true when `[DONE]` ended the stream,
 * false when the body ended without it.
 */
async function readDataLines(
  body: ReadableStream<Uint8Array>,
  idle: IdleDeadline,
  onMessage: (message: unknown) => void,
): Promise<boolean> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let carry = '';
  const line = (raw: string): boolean => {
    const text = raw.startsWith('data:') ? raw.slice(5).trim() : raw.trim();
    if (!text) return false;
    if (text.startsWith('[DONE]')) return true;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      throw executionError(`malformed message: ${text.slice(0, 200)}`);
    }
    onMessage(message);
    return false;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      idle.touch();
      carry += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let at: number;
      while ((at = carry.indexOf('\n')) >= 0) {
        const raw = carry.slice(0, at);
        carry = carry.slice(at + 1);
        if (line(raw)) return true;
      }
      if (done) return line(carry);
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

function executionError(detail: string): AppException {
  return new AppException(ErrorCode.KNOWLEDGE_NODE_EXECUTION_ERROR, detail);
}

/** A non-2xx answer: the service's `{code, message}` when it sent one, else the status. */
async function refused(response: Response): Promise<AppException> {
  const text = await response.text().catch(() => '');
  let message = `HTTP ${response.status}`;
  try {
    const parsed: unknown = JSON.parse(text);
    if (isPlainObject(parsed) && typeof parsed.message === 'string' && parsed.message) {
      message = parsed.message;
    }
  } catch {
    if (text) message = `${message}: ${text.slice(0, 200)}`;
  }
  return new AppException(ErrorCode.KNOWLEDGE_REQUEST_ERROR, message);
}

/** Aborts its signal when `touch` is not called for `ms`. */
class IdleDeadline {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout;

  constructor(private readonly ms: number) {
    this.timer = this.arm();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  touch(): void {
    clearTimeout(this.timer);
    this.timer = this.arm();
  }

  clear(): void {
    clearTimeout(this.timer);
  }

  private arm(): NodeJS.Timeout {
    const timer = setTimeout(() => this.controller.abort(), this.ms);
    timer.unref();
    return timer;
  }
}
