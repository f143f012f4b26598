// Predicates on a flow's `release_status` bitmask (docs/api.md#release-status).

/** Taken-down bits of Xingchen (2), Open platform (16) and AIUI (64). */
const ALL_TAKEN_DOWN = 2 | 16 | 64;
/** Published on Xingchen (1) or on the Open platform (4). */
const LOOKUP_PUBLISHED = 1 | 4;

/** "Not published" (auth, open chat): nothing set, or taken down on every platform. */
export function isUnpublished(releaseStatus: number | null | undefined): boolean {
  const bits = releaseStatus ?? 0;
  return bits === 0 || (bits & ALL_TAKEN_DOWN) === ALL_TAKEN_DOWN;
}

/** A row the published-flow lookup may serve (AIUI-only or API-only does not count). */
export function isLookupPublished(releaseStatus: number | null | undefined): boolean {
  return ((releaseStatus ?? 0) & LOOKUP_PUBLISHED) !== 0;
}
