import { createHash, createHmac } from 'node:crypto';

/** `Digest` of an empty body: every call to the management platform is a GET. */
export const EMPTY_BODY_DIGEST = `SHA256=${createHash('sha256').update('').digest('base64')}`;

/**
 * Outbound HMAC headers for `GET <url>` (spec/api.md §7.3). The request line carries the
 * URL's path without the query string.
 */
export function hmacGetHeaders(
  url: URL,
  apiKey: string,
  apiSecret: string,
  now: Date = new Date(),
): Record<string, string> {
  const date = now.toUTCString(); // RFC 1123, e.g. "Mon, 23 Nov 2026 21:54:36 GMT"
  const toSign = `host: ${url.host}\ndate: ${date}\nGET ${url.pathname} HTTP/1.1\ndigest: ${EMPTY_BODY_DIGEST}`;
  const signature = createHmac('sha256', apiSecret).update(toSign).digest('base64');
  return {
    Method: 'GET',
    Host: url.host,
    Date: date,
    Digest: EMPTY_BODY_DIGEST,
    Authorization:
      `api_key="${apiKey}", algorithm="hmac-sha256", ` +
      `headers="host date request-line digest", signature="${signature}"`,
  };
}
