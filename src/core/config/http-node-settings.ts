import { readInt, readList } from './config.schema';

/** http-request node (docs/nodes.md#http-request): outbound guard exceptions and limits */
export interface HttpNodeSettings {
  allowHosts: string[];
  timeoutMs: number;
  maxResponseBytes: number;
  maxRedirects: number;
}

export function readHttpNodeSettings(env: Record<string, string | undefined>): HttpNodeSettings {
  return {
    allowHosts: readList(env, 'HTTP_NODE_ALLOW_HOSTS', '').map((h) => h.toLowerCase()),
    timeoutMs: readInt(env, 'HTTP_NODE_TIMEOUT_MS', 30000, 1, 600000),
    maxResponseBytes: readInt(env, 'HTTP_NODE_MAX_RESPONSE_BYTES', 1048576, 1),
    maxRedirects: readInt(env, 'HTTP_NODE_MAX_REDIRECTS', 3, 0, 10),
  };
}
