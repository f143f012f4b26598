import { ErrorCode } from '../../errors/error-codes';
import type { NodeRunContext } from '../../runtime/run-context';
import { registerExecutor, type NodeExecutor } from '../../runtime/node-executor';
import { withNodeCode } from '../output-common/output-errors';
import { sendGuarded, type OutboundRequest } from './guarded-client';
import { httpErrors } from './http-errors';
import { compileHttpRequestParams, type HttpRequestParams } from './http-request-params';
import { DEFAULT_HTTP_NODE_SETTINGS } from './http-settings';
import { responseOutputs } from './response-outputs';

// `http-request` (docs/nodes.md#http-request): one outbound HTTP call built from templates,
// through the outbound guard; any answered status becomes outputs, transport failures codes.

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function renderAll(ctx: NodeRunContext, map: Readonly<Record<string, string>>) {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, ctx.renderDisplay(v)]));
}

/** The request the node sends: rendered URL, query, headers and body. */
export function buildRequest(params: HttpRequestParams, ctx: NodeRunContext): OutboundRequest {
  let url: URL;
  try {
    url = new URL(ctx.renderDisplay(params.url));
  } catch {
    throw httpErrors.failed('invalid URL');
  }
  for (const [name, value] of Object.entries(renderAll(ctx, params.query))) {
    url.searchParams.append(name, value);
  }
  const headers: Record<string, string> = renderAll(ctx, params.headers);
  // the size cap counts the bytes as sent: ask for them uncompressed
  if (!hasHeader(headers, 'accept-encoding')) headers['accept-encoding'] = 'identity';
  const { body } = params;
  let payload: string | undefined;
  let contentType: string | undefined;
  if (body.type === 'json') {
    payload = ctx.renderDisplay(body.content);
    try {
      JSON.parse(payload);
    } catch {
      throw httpErrors.failed('rendered body is not valid JSON');
    }
    contentType = 'application/json';
  } else if (body.type === 'form') {
    payload = new URLSearchParams(renderAll(ctx, body.content)).toString();
    contentType = 'application/x-www-form-urlencoded';
  } else if (body.type === 'raw') {
    payload = ctx.renderDisplay(body.content);
    contentType = body.contentType;
  }
  if (contentType && !hasHeader(headers, 'content-type')) headers['content-type'] = contentType;
  return {
    method: params.method,
    url: url.href,
    headers,
    body: payload === undefined ? undefined : Buffer.from(payload, 'utf8'),
  };
}

export const httpRequestExecutor: NodeExecutor<HttpRequestParams> = {
  compile: compileHttpRequestParams,
  execute: (node, ctx) =>
    withNodeCode(ErrorCode.HTTP_REQUEST_NODE_EXECUTION_ERROR, async () => {
      const inputs = ctx.resolveInputs();
      const settings = ctx.services.httpRequest ?? DEFAULT_HTTP_NODE_SETTINGS;
      const request = buildRequest(node.params, ctx);
      const timeoutMs = node.params.timeoutMs ?? settings.timeoutMs;
      const response = await sendGuarded(request, settings, timeoutMs, ctx.signal);
      return { inputs, outputs: responseOutputs(response, node.outputs) };
    }),
  traits: { errorGroup: 'non-stream' },
};

registerExecutor('http-request', httpRequestExecutor);
