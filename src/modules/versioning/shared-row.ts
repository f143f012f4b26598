import type { FlowEntity } from '../../database/entities';

// Cached published rows are shared by every request instead of deep-copied per request (a copy
// of both protocols cost ~110 µs and garbage per run). Sharing is safe because the cached value
// is deep-frozen: an edit below the first level throws instead of corrupting the cache. Each
// caller still gets its own row object and its own top level of both protocols, so setting a
// field there stays the caller's business, as it was with full copies.

/** Freezes a JSON-like value and everything under it (objects and arrays only). */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

/** Freezes a row read from the database so that it can be cached and shared. */
export function freezeRow(row: FlowEntity): FlowEntity {
  deepFreeze(row.data);
  deepFreeze(row.releaseData);
  return Object.freeze(row);
}

/** The caller's view of a frozen cached row: fresh first levels over shared frozen content. */
export function handOut(row: FlowEntity): FlowEntity {
  return {
    ...row,
    data: firstLevelCopy(row.data),
    releaseData: firstLevelCopy(row.releaseData),
    createAt: new Date(row.createAt),
    updateAt: new Date(row.updateAt),
  };
}

function firstLevelCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return Array.isArray(value) ? [...(value as unknown[])] : { ...value };
}
