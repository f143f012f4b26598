import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isAppException } from '../../errors/engine-error';
import { isForbiddenAddress } from './address-guard';
import { httpErrors } from './http-errors';
import { ForbiddenAddressError, guardedLookup } from './guarded-lookup';
import { isAllowedHost, type HttpNodeSettings } from './http-settings';

// One outbound request with the guard applied to every hop: redirects are followed here, not
// by the HTTP library, so each new target is checked before anything connects to it.

export interface OutboundRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

export interface OutboundResponse {
  readonly status: number;
  /** lower-case names; repeated headers joined with ", " */
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

export async function sendGuarded(
  request: OutboundRequest,
  settings: HttpNodeSettings,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<OutboundResponse> {
  const deadline = AbortSignal.timeout(timeoutMs);
  const combined = AbortSignal.any([signal, deadline]);
  let current = request;
  for (let hop = 0; ; hop++) {
    let response: IncomingMessage;
    try {
      response = await open(current, settings, combined);
    } catch (error) {
      throw translate(error, signal, deadline, timeoutMs);
    }
    const location = response.headers.location;
    if (!REDIRECTS.has(response.statusCode ?? 0) || !location) {
      try {
        return await collect(response, settings.maxResponseBytes);
      } catch (error) {
        throw translate(error, signal, deadline, timeoutMs);
      }
    }
    response.destroy();
    if (hop >= settings.maxRedirects) {
      throw httpErrors.failed(`more than ${settings.maxRedirects} redirects`);
    }
    current = nextHop(current, response.statusCode!, location);
  }
}

function translate(error: unknown, signal: AbortSignal, deadline: AbortSignal, ms: number) {
  if (signal.aborted) return signal.reason as unknown;
  if (error instanceof ForbiddenAddressError) return httpErrors.forbidden(error.host);
  if (deadline.aborted) return httpErrors.timeout(ms);
  if (isAppException(error)) return error;
  return httpErrors.failed(error instanceof Error ? error.message : String(error));
}

/** The request for a redirect's target (RFC 9110 §15.4: 301/302/303 turn a POST into a GET). */
function nextHop(previous: OutboundRequest, status: number, location: string): OutboundRequest {
  let url: URL;
  try {
    url = new URL(location, previous.url);
  } catch {
    throw httpErrors.failed(`bad redirect location: ${location}`);
  }
  const toGet =
    (status === 303 && previous.method !== 'HEAD') ||
    ((status === 301 || status === 302) && previous.method === 'POST');
  const headers = { ...previous.headers };
  // credentials written for one origin are not sent to another
  if (url.origin !== new URL(previous.url).origin) {
    for (const name of Object.keys(headers)) {
      if (CREDENTIAL_HEADERS.includes(name.toLowerCase())) delete headers[name];
    }
  }
  if (toGet) {
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-type') delete headers[name];
    }
  }
  return {
    method: toGet ? 'GET' : previous.method,
    url: url.href,
    headers,
    body: toGet ? undefined : previous.body,
  };
}

function open(
  request: OutboundRequest,
  settings: HttpNodeSettings,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const url = new URL(request.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ForbiddenAddressError(`${url.protocol} URLs`);
  }
  if (url.username || url.password) throw httpErrors.failed('credentials in the URL');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const allowed = isAllowedHost(settings.allowHosts, url.hostname, port);
  // IP literals never reach `lookup`: check them here (the URL parser already turned
  // decimal/octal/hex IPv4 forms into dotted quads)
  if (!allowed && isIP(host) && isForbiddenAddress(host)) throw new ForbiddenAddressError(host);
  const options: RequestOptions = {
    method: request.method,
    hostname: host,
    port,
    path: `${url.pathname}${url.search}`,
    headers: {
      ...request.headers,
      ...(request.body ? { 'content-length': request.body.length } : {}),
    },
    agent: false,
    signal,
    ...(allowed ? {} : { lookup: guardedLookup }),
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(options, resolve);
    req.on('error', reject);
    req.end(request.body);
  });
}

function collect(response: IncomingMessage, limit: number): Promise<OutboundResponse> {
  return new Promise((resolve, reject) => {
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(httpErrors.tooLarge(limit));
      return response.destroy();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // reject first: destroying emits 'aborted' synchronously
        reject(httpErrors.tooLarge(limit));
        response.destroy();
        return;
      }
      chunks.push(chunk);
    });
    response.on('error', reject);
    response.on('aborted', () => reject(new Error('connection closed before the body ended')));
    response.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
    });
  });
}
