/**
 * Lets the event loop serve pending I/O before the caller goes on. A run start is a long chain
 * of microtasks (validation, lookups from cache, building the model request): without a break
 * the frames of every run already streaming wait behind all of it.
 */
export function yieldToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
