import { ErrorCode } from '../../../core/errors/error-code';
import type { SubflowCall, SubflowFrame } from '../../../engine';
import type { AppResolverService } from '../../app/app-resolver.service';

/**
 * Our own header carrying the calling runs' flow ids (comma-separated, the caller's own id
 * last) to a remote workflow service, so cycle and depth limits hold across HTTP when the
 * remote is this service (docs/nodes.md#flow).
 */
export const CALL_CHAIN_HEADER = 'x-workflow-call-chain';

/** the longest chain a request header may carry (more is refused as too deep anyway) */
const MAX_CHAIN = 64;

/** the reference's whole-request limit of a sub-flow call */
const TOTAL_TIMEOUT_MS = 30 * 60 * 1000;

/** The flow ids of `CALL_CHAIN_HEADER` (empty when absent or malformed). */
export function parseCallChain(header: string | string[] | undefined): string[] {
  const raw = Array.isArray(header) ? header.join(',') : header;
  if (!raw) return [];
  const ids = raw
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  return ids.slice(-MAX_CHAIN);
}

/**
 * Runs a sub-flow on a remote workflow service's chat-completions route over SSE
 * (`WORKFLOW_URL_SSE`, docs/nodes.md#flow) and hands back its frames; transport failures
 * become an error frame, so the node fails with 22801.
 */
export class RemoteSubflows {
  constructor(
    private readonly url: string,
    private readonly apps: AppResolverService,
    private readonly auth: 'bearer' | 'consumer' = 'bearer',
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async *run(call: SubflowCall): AsyncGenerator<SubflowFrame> {
    // an unknown app fails the node with its own code (20000), as in the reference
    const headers = await this.headers(call);
    let response: Response;
    try {
      response = await this.fetchFn(this.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(requestBody(call)),
        signal: AbortSignal.any([call.signal, AbortSignal.timeout(TOTAL_TIMEOUT_MS)]),
      });
    } catch (error) {
      yield failure(error);
      return;
    }
    if (!response.ok || !response.body) {
      void response.body?.cancel().catch(() => undefined);
      yield failure(new Error(`HTTP ${response.status}`));
      return;
    }
    try {
      let any = false;
      for await (const line of lines(response.body)) {
        const text = line.startsWith('data:') ? line.slice(5).trim() : line.trim();
        if (!text || text === '[DONE]') continue;
        any = true;
        yield JSON.parse(text) as SubflowFrame;
      }
      if (!any) yield failure(new Error(`HTTP ${response.status}: empty answer`));
    } catch (error) {
      yield failure(error);
    }
  }

  private async headers(call: SubflowCall): Promise<Record<string, string>> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      [CALL_CHAIN_HEADER]: call.callChain.join(','),
    };
    // the app is looked up whichever header is sent (unknown → 20000)
    const app = await this.apps.resolve(call.appId);
    // the reference picks this by substrings of the URL; here the operator says it
    if (this.auth === 'consumer') {
      headers['X-Consumer-Username'] = call.appId;
    } else {
      headers.Authorization = `Bearer ${app.apiKey}:${app.apiSecret}`;
    }
    return headers;
  }
}

function requestBody(call: SubflowCall): Record<string, unknown> {
  const history = call.history.map((item) => ({
    role: item.role,
    content: item.content,
    content_type: item.content_type ?? 'text',
  }));
  const body: Record<string, unknown> = {
    flow_id: call.flowId,
    uid: call.uid,
    // the reference also hands a forwarded history to the sub-flow as `chatHistory`
    parameters: history.length ? { ...call.parameters, chatHistory: history } : call.parameters,
    ext: {},
    stream: true,
    history,
  };
  if (call.version) body.version = call.version;
  return body;
}

/** a transport failure as an error frame: the node reports it as 22801 with this detail */
function failure(error: unknown): SubflowFrame {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: ErrorCode.WORKFLOW_EXECUTION_ERROR.code,
    message: `sub-flow service: ${typeof cause === 'string' ? `${detail} (${cause})` : detail}`,
  };
}

/** the body's lines (\n or \r\n) as they arrive */
async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let carry = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    carry += decoder.decode(chunk, { stream: true });
    let at: number;
    while ((at = carry.indexOf('\n')) >= 0) {
      yield carry.slice(0, at).replace(/\r$/, '');
      carry = carry.slice(at + 1);
    }
  }
  carry += decoder.decode();
  if (carry) yield carry;
}
