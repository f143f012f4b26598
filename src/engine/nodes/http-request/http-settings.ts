// What the HTTP request node needs from the service (engine service `httpRequest`,
// docs/nodes.md#http-request "Settings").

export interface HttpNodeSettings {
  /** HTTP_NODE_ALLOW_HOSTS: `host` or `host:port` entries (lower case) the outbound guard lets through */
  readonly allowHosts: readonly string[];
  /** HTTP_NODE_TIMEOUT_MS: whole-request deadline when nodeParam.timeout is absent */
  readonly timeoutMs: number;
  /** HTTP_NODE_MAX_RESPONSE_BYTES: a longer body fails the node */
  readonly maxResponseBytes: number;
  /** HTTP_NODE_MAX_REDIRECTS: redirects followed per request */
  readonly maxRedirects: number;
}

declare module '../../runtime/engine-services' {
  interface EngineServices {
    httpRequest: HttpNodeSettings;
  }
}

/** Defaults when the service contributes no settings (engine tests). */
export const DEFAULT_HTTP_NODE_SETTINGS: HttpNodeSettings = {
  allowHosts: [],
  timeoutMs: 30_000,
  maxResponseBytes: 1_048_576,
  maxRedirects: 3,
};

/** `hostname` is the URL's (IPv6 in brackets); an entry matches the host alone or host:port. */
export function isAllowedHost(
  allowHosts: readonly string[],
  hostname: string,
  port: string,
): boolean {
  const host = hostname.toLowerCase();
  return allowHosts.some((entry) => entry === host || entry === `${host}:${port}`);
}
