import { AppException } from '../../../core/errors/app.exception';
import { ErrorCode } from '../../../core/errors/error-code';

export interface LinkProbeOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

const invalidLink = () => new AppException(ErrorCode.FILE_INVALID_TYPE_ERROR);

/**
 * Size of the file behind a link, from `Content-Length`: HEAD first; servers that refuse HEAD
 * (e.g. URLs presigned for GET) or omit the length there are asked with GET, whose body is
 * dropped unread. Unreachable, not
 * http(s), an error status or no length at all → 23603 `Invalid file link`.
 */
export async function probeContentLength(link: string, options: LinkProbeOptions): Promise<number> {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw invalidLink();
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidLink();
  const head = await request(url, 'HEAD', options);
  const length = head ?? (await request(url, 'GET', options));
  if (length === undefined) throw invalidLink();
  return length;
}

/** The declared length of a successful answer, undefined when there is none. */
async function request(
  url: URL,
  method: 'HEAD' | 'GET',
  options: LinkProbeOptions,
): Promise<number | undefined> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, { method, signal, redirect: 'follow' });
  } catch (error) {
    if (options.signal?.aborted) throw error; // the run was cancelled: not the link's fault
    throw invalidLink(); // unreachable or too slow: GET would not fare better
  }
  await response.body?.cancel().catch(() => undefined);
  if (!response.ok) return undefined;
  const header = response.headers.get('content-length');
  return header !== null && /^\d+$/.test(header.trim()) ? Number(header.trim()) : undefined;
}
