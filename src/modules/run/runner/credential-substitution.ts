// Credential substitution for released runs (docs/api.md#chat-completions step 5): model-backed nodes that
// use the platform's own models run with the calling app's credentials, not the author's.

const CREDENTIAL_NODE_TYPES = new Set([
  'spark-llm',
  'decision-making',
  'extractor-parameter',
  'agent',
  'database',
]);

/** Runtime environments that keep the author's model credentials (docs/api.md#chat-completions step 5). */
const KEEP_CREDENTIALS_ENVS = new Set(['dev', 'test']);

/** Whether released runs get the caller's credentials in this runtime environment. */
export function substitutesCredentials(runtimeEnv: string): boolean {
  return !KEEP_CREDENTIALS_ENVS.has(runtimeEnv);
}

export interface AppCredentials {
  appId: string;
  apiKey: string;
  apiSecret: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A copy of the DSL (`{nodes, edges}`) where every credential-bearing node whose `source` is not
 * `openai` (missing counts as `xinghuo`) carries the caller's app id, key and secret. The input
 * is left untouched; untouched nodes are shared with it.
 */
export function substituteCredentials<T>(dsl: T, credentials: AppCredentials): T {
  if (!isObject(dsl) || !Array.isArray(dsl.nodes)) return dsl;
  const nodes = dsl.nodes.map((node: unknown) => {
    if (!isObject(node) || typeof node.id !== 'string') return node;
    if (!CREDENTIAL_NODE_TYPES.has(node.id.split(':')[0])) return node;
    const data = isObject(node.data) ? node.data : {};
    const param = isObject(data.nodeParam) ? data.nodeParam : {};
    if ((param.source ?? 'xinghuo') === 'openai') return node;
    return {
      ...node,
      data: {
        ...data,
        nodeParam: {
          ...param,
          appId: credentials.appId,
          apiKey: credentials.apiKey,
          apiSecret: credentials.apiSecret,
        },
      },
    };
  });
  return { ...dsl, nodes };
}
