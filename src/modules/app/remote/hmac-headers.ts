import { createHash, createHmac } from 'node:crypto';

/** `Digest` header value of a request body: `SHA256=` + base64 of its SHA-256. */
export function bodyDigest(body: Buffer | string): string {
  return `SHA256=${createHash('sha256').update(body).digest('base64')}`;
}

/** `Digest` of an empty body: every call to the management platform is a GET. */
export const EMPTY_BODY_DIGEST = bodyDigest('');

/** The signed header list; the only one used in either direction. */
export const SIGNED_HEADERS = 'host date request-line digest';

/** What a signature covers: host, date, the request line (path without query) and digest. */
export interface SignedParts {
  host: string;
  date: string;
  method: string;
  path: string;
  digest: string;
}

/** base64 HMAC-SHA256 of the canonical text of `parts` under `apiSecret`. */
export function requestSignature(parts: SignedParts, apiSecret: string): string {
  const toSign =
    `host: ${parts.host}\ndate: ${parts.date}\n` +
    `${parts.method} ${parts.path} HTTP/1.1\ndigest: ${parts.digest}`;
  return createHmac('sha256', apiSecret).update(toSign).digest('base64');
}

/**
 * Outbound HMAC headers for `GET <url>` (docs/api.md#outbound-signing). The request line carries the
 * URL's path without the query string.
 */
export function hmacGetHeaders(
  url: URL,
  apiKey: string,
  apiSecret: string,
  now: Date = new Date(),
): Record<string, string> {
  const date = now.toUTCString(); // RFC 1123, e.g. "Mon, 23 Nov 2026 21:54:36 GMT"
  const signature = requestSignature(
    { host: url.host, date, method: 'GET', path: url.pathname, digest: EMPTY_BODY_DIGEST },
    apiSecret,
  );
  return {
    Method: 'GET',
    Host: url.host,
    Date: date,
    Digest: EMPTY_BODY_DIGEST,
    Authorization:
      `api_key="${apiKey}", algorithm="hmac-sha256", ` +
      `headers="${SIGNED_HEADERS}", signature="${signature}"`,
  };
}
