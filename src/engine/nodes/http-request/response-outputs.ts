import type { OutboundResponse } from './guarded-client';

// Node outputs from a response (docs/nodes.md#http-request "Outputs"): any status, 2xx or not.

interface DeclaredOutput {
  readonly name: string;
  readonly schema: { readonly type?: string };
}

function isJson(contentType: string | undefined): boolean {
  const mime = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return mime === 'application/json' || mime.endsWith('+json');
}

/** The body as parsed JSON for a JSON answer that parses, else its UTF-8 text. */
export function bodyValue(response: OutboundResponse): unknown {
  const text = response.body.toString('utf8');
  if (!isJson(response.headers['content-type']) || !text.trim()) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `status_code`, `headers`, `body`; only the declared ones when outputs are declared. */
export function responseOutputs(
  response: OutboundResponse,
  declared: readonly DeclaredOutput[],
): Record<string, unknown> {
  const body = bodyValue(response);
  const bodyType = declared.find((o) => o.name === 'body')?.schema.type;
  const all: Record<string, unknown> = {
    status_code: response.status,
    headers: response.headers,
    // a body declared as string keeps the text even when the answer is JSON
    body: bodyType === 'string' && typeof body !== 'string' ? response.body.toString('utf8') : body,
  };
  if (!declared.length) return all;
  return Object.fromEntries(
    declared.filter((o) => o.name in all).map((o) => [o.name, all[o.name]]),
  );
}
