import { createHmac } from 'node:crypto';

/**
 * The HMAC-SHA256 signed URL of the Spark WebSocket API (docs/nodes.md#spark-websocket): sign
 * "host: …\ndate: …\nGET <path> HTTP/1.1" with the API secret and append
 * `authorization`, `date` and `host` as query parameters.
 */
export function signSparkUrl(url: string, apiKey: string, apiSecret: string, now: Date): string {
  const parsed = new URL(url);
  const host = parsed.host;
  const date = now.toUTCString();
  const signed = `host: ${host}\ndate: ${date}\nGET ${parsed.pathname} HTTP/1.1`;
  const signature = createHmac('sha256', apiSecret).update(signed).digest('base64');
  const origin =
    `api_key="${apiKey}", algorithm="hmac-sha256", ` +
    `headers="host date request-line", signature="${signature}"`;
  const query = new URLSearchParams({
    authorization: Buffer.from(origin, 'utf8').toString('base64'),
    date,
    host,
  });
  return `${url}?${query.toString()}`;
}

const SPARK_PATHS: Record<string, string> = {
  general: 'v1.1/chat',
  generalv2: 'v2.1/chat',
  generalv3: 'v3.1/chat',
  'generalv3.5': 'v3.1/chat',
};

/** The chat URL: the node's `url`, else SPARK_HOST + the path of a legacy domain. */
export function resolveSparkUrl(
  url: string,
  domain: string,
  sparkHost: string,
): string | undefined {
  if (url) return url;
  const path = SPARK_PATHS[domain];
  return path ? `${sparkHost.replace(/\/+$/, '')}/${path}` : undefined;
}
