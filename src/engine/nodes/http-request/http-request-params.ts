import type { NodeDefinition } from '../../dsl/dsl.types';
import { nodeProtocolError } from '../../dsl/build-errors';

// nodeParam of `http-request` (docs/nodes.md#http-request). Our own design: the reference names
// the type but never implemented it, and the console has no form for it.

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof METHODS)[number];

export type HttpBody =
  | { readonly type: 'none' }
  | { readonly type: 'json'; readonly content: string }
  | { readonly type: 'raw'; readonly content: string; readonly contentType: string }
  | { readonly type: 'form'; readonly content: Readonly<Record<string, string>> };

export interface HttpRequestParams {
  readonly method: HttpMethod;
  /** templates: rendered with the display rule at run time */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly body: HttpBody;
  /** nodeParam.timeout in ms; undefined → HTTP_NODE_TIMEOUT_MS */
  readonly timeoutMs?: number;
}

function fail(def: NodeDefinition, detail: string): Error {
  return nodeProtocolError(`Node ${def.id} nodeParam.${detail}`);
}

function stringMap(def: NodeDefinition, key: string, value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw fail(def, `${key}: must be an object of strings`);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [name, text] of entries) {
    if (typeof text !== 'string') throw fail(def, `${key}.${name}: must be a string`);
  }
  return Object.freeze(Object.fromEntries(entries) as Record<string, string>);
}

function bodyOf(def: NodeDefinition, method: HttpMethod, raw: unknown): HttpBody {
  if (raw === undefined || raw === null) return { type: 'none' };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw fail(def, 'body: must be an object');
  const { type = 'none', content, contentType } = raw as Record<string, unknown>;
  if (type === 'none') return { type };
  if (method === 'GET' || method === 'HEAD') throw fail(def, `body: not allowed with ${method}`);
  if (type === 'form') return { type, content: stringMap(def, 'body.content', content) };
  if (type !== 'json' && type !== 'raw') {
    throw fail(def, 'body.type: must be none, json, form or raw');
  }
  if (typeof content !== 'string') throw fail(def, 'body.content: must be a string');
  if (type === 'json') return { type, content };
  if (contentType !== undefined && typeof contentType !== 'string') {
    throw fail(def, 'body.contentType: must be a string');
  }
  return { type, content, contentType: contentType || 'text/plain; charset=utf-8' };
}

export function compileHttpRequestParams(def: NodeDefinition): HttpRequestParams {
  const p = def.nodeParam;
  const method = (typeof p.method === 'string' ? p.method : 'GET').toUpperCase() as HttpMethod;
  if (!METHODS.includes(method)) throw fail(def, `method: must be one of ${METHODS.join(', ')}`);
  if (typeof p.url !== 'string' || !p.url.trim()) throw fail(def, 'url: required');
  let timeoutMs: number | undefined;
  if (p.timeout !== undefined && p.timeout !== null) {
    if (typeof p.timeout !== 'number' || !(p.timeout > 0) || p.timeout > 600) {
      throw fail(def, 'timeout: seconds in (0, 600]');
    }
    timeoutMs = Math.round(p.timeout * 1000);
  }
  return Object.freeze({
    method,
    url: p.url.trim(),
    headers: stringMap(def, 'headers', p.headers),
    query: stringMap(def, 'query', p.query),
    body: bodyOf(def, method, p.body),
    timeoutMs,
  });
}
