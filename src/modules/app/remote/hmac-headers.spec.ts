import { createHmac } from 'node:crypto';
import { EMPTY_BODY_DIGEST, hmacGetHeaders } from './hmac-headers';

describe('hmacGetHeaders', () => {
  const url = new URL('http://plat.example:8080/v2/app/list?app_ids=abc');
  const now = new Date(Date.UTC(2025, 0, 2, 3, 4, 5));
  const headers = hmacGetHeaders(url, 'key1', 'secret1', now);

  it('uses the SHA-256 digest of the empty body', () => {
    expect(EMPTY_BODY_DIGEST).toBe('SHA256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    expect(headers.Digest).toBe(EMPTY_BODY_DIGEST);
  });

  it('sends method, host and an RFC 1123 date', () => {
    expect(headers.Method).toBe('GET');
    expect(headers.Host).toBe('plat.example:8080');
    expect(headers.Date).toBe('Thu, 02 Jan 2025 03:04:05 GMT');
  });

  it('signs host, date, request line (path only) and digest with the secret', () => {
    const toSign =
      'host: plat.example:8080\ndate: Thu, 02 Jan 2025 03:04:05 GMT\n' +
      `GET /v2/app/list HTTP/1.1\ndigest: ${EMPTY_BODY_DIGEST}`;
    const expected = createHmac('sha256', 'secret1').update(toSign).digest('base64');
    expect(headers.Authorization).toBe(
      `api_key="key1", algorithm="hmac-sha256", headers="host date request-line digest", signature="${expected}"`,
    );
    expect(hmacGetHeaders(url, 'key1', 'other', now).Authorization).not.toBe(headers.Authorization);
  });
});
