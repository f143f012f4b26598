// Retrieval answers cached for one run (docs/nodes.md#knowledge-base): an iteration asking the
// same question of the same repositories with the same settings calls the service once. The
// key object is the run's SystemVariables, one object per run shared by its iteration bodies,
// so the cache goes away with the run. Pending calls are shared; failed ones are forgotten.

const byRun = new WeakMap<object, Map<string, Promise<Record<string, unknown>>>>();

export function retrieveOncePerRun(
  run: object,
  key: string,
  retrieve: () => Promise<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  let entries = byRun.get(run);
  if (!entries) {
    entries = new Map();
    byRun.set(run, entries);
  }
  const known = entries.get(key);
  // each caller gets its own copy: the answer becomes node outputs
  if (known) return known.then((data) => structuredClone(data));
  const pending = retrieve();
  entries.set(key, pending);
  pending.catch(() => {
    if (entries.get(key) === pending) entries.delete(key);
  });
  return pending.then((data) => structuredClone(data));
}
