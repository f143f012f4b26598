// A flow's `release_status` bitmask (docs/api.md#release-status) in words, for operators: the
// state on each platform, read from the bits the publish matrix sets.
import { operationName, platformName, releaseBit, ReleaseOp } from './release-matrix';

/** The platforms a flow can be published on, in the matrix's column order. */
const PLATFORMS = [1, 2, 4] as const;

export interface PlatformReleaseState {
  platform: number;
  platform_name: string;
  /** "Published", "Taken Down" or "Unpublished" (the matrix's operation names) */
  status: string;
}

export interface ReleaseStatusWords {
  platforms: PlatformReleaseState[];
  /** bit 8: published as API (Xingchen and the Open platform share this bit) */
  published_as_api: boolean;
}

export function describeReleaseStatus(
  releaseStatus: number | null | undefined,
): ReleaseStatusWords {
  const bits = releaseStatus ?? 0;
  const has = (op: ReleaseOp, plat: number) => (bits & (releaseBit(op, plat) ?? 0)) !== 0;
  return {
    platforms: PLATFORMS.map((plat) => ({
      platform: plat,
      platform_name: platformName(plat),
      // publishing clears the taken-down bit and taking down the published one: at most one is set
      status: operationName(has(1, plat) ? 1 : has(3, plat) ? 3 : 0),
    })),
    published_as_api: has(2, 1),
  };
}
