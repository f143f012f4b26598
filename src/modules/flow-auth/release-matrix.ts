// The tenant publish matrix of docs/api.md#release-status as pure functions. `MATRIX[op][plat]` is the
// bit to set for an operation on a platform; -1 marks an operation the platform does not offer.

export const RELEASE_OPS = [0, 1, 2, 3] as const;
export type ReleaseOp = (typeof RELEASE_OPS)[number];

/** Platform values a publish request may name (0 = use the tenant app's own platform). */
export const REQUEST_PLATFORMS = [0, 1, 2, 4] as const;

const MATRIX: readonly (readonly number[])[] = [
  /* 0 unpublished    */ [-1, 0, 0, -1, 0],
  /* 1 published      */ [-1, 1, 4, -1, 32],
  /* 2 publish to API */ [-1, 8, 8, -1, -1],
  /* 3 taken down     */ [-1, 2, 16, -1, 64],
];

const PLATFORM_NAMES: Record<number, string> = {
  1: 'Xingchen Platform',
  2: 'Open Platform',
  4: 'AIUI',
};

const OP_NAMES: Record<ReleaseOp, string> = {
  0: 'Unpublished',
  1: 'Published',
  2: 'Publish to API',
  3: 'Taken Down',
};

export function isReleaseOp(value: number): value is ReleaseOp {
  return (RELEASE_OPS as readonly number[]).includes(value);
}

export function isPlatform(value: number): boolean {
  return PLATFORM_NAMES[value] !== undefined;
}

export function platformName(plat: number): string {
  return PLATFORM_NAMES[plat] ?? `platform ${plat}`;
}

export function operationName(op: ReleaseOp): string {
  return OP_NAMES[op];
}

/** The bit the operation sets on the platform, or null when the platform does not offer it. */
export function releaseBit(op: ReleaseOp, plat: number): number | null {
  const bit = MATRIX[op]?.[plat];
  return bit === undefined || bit < 0 ? null : bit;
}

/**
 * The flow's new `release_status` after `op` on `plat` (publish steps 8–9), or null when the
 * platform does not offer the operation. Taking down clears the platform's published and
 * publish-to-API bits; publishing clears its taken-down bit; then the operation's bit is set.
 */
export function applyReleaseOp(current: number, op: ReleaseOp, plat: number): number | null {
  const bit = releaseBit(op, plat);
  if (bit === null) return null;
  let next = current;
  const clear =
    op === 3 ? [releaseBit(1, plat), releaseBit(2, plat)] : op === 0 ? [] : [releaseBit(3, plat)];
  for (const mask of clear) if (mask) next &= ~mask;
  return next | bit;
}
