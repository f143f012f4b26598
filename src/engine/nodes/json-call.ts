import type { AppException } from '../errors/engine-error';
import { isPlainObject } from '../values/values';
import { causeText } from './fetch-cause';
import type { CallLimit } from './call-limit';

// One JSON call of a service-calling node (plugin gateway, knowledge-base), bounded by the node's
// call limit (call-limit.ts). Each node keeps its own error codes: `JsonCallErrors` says which.

export interface JsonCallErrors {
  /** no answer: the request failed or the deadline passed */
  readonly transport: (detail: string) => AppException;
  /** an answer that is not a JSON object */
  readonly answer: (detail: string) => AppException;
}

/** Sends the call; answers the JSON object received. The run's cancellation passes through. */
export async function callJsonObject(
  url: URL | string,
  init: { method: string; body?: string },
  limit: CallLimit,
  errors: JsonCallErrors,
): Promise<Record<string, unknown>> {
  let status = 0;
  let text: string;
  try {
    const response = await fetch(url, {
      ...init,
      headers: { 'Content-Type': 'application/json' },
      signal: limit.signal,
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    if (limit.timedOut()) throw errors.transport(`no answer within ${limit.ms} ms`);
    if (limit.signal.aborted) throw error;
    throw errors.transport(causeText(error));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw errors.answer(`HTTP ${status}, not a JSON body: ${text.slice(0, 200)}`);
  }
  if (!isPlainObject(parsed)) throw errors.answer(`HTTP ${status}, not a JSON object`);
  return parsed;
}
