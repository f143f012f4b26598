import { applyReleaseOp } from './release-matrix';
import { describeReleaseStatus } from './release-status-words';

const statuses = (bits: number | null) =>
  describeReleaseStatus(bits).platforms.map((p) => `${p.platform_name}: ${p.status}`);

describe('describeReleaseStatus', () => {
  it('reads nothing set (or null) as unpublished everywhere', () => {
    for (const bits of [0, null]) {
      expect(statuses(bits)).toEqual([
        'Xingchen Platform: Unpublished',
        'Open Platform: Unpublished',
        'AIUI: Unpublished',
      ]);
      expect(describeReleaseStatus(bits).published_as_api).toBe(false);
    }
  });

  it('names each platform by its own bits', () => {
    // published on Xingchen (1), taken down on the Open platform (16), published on AIUI (32)
    expect(statuses(1 | 16 | 32)).toEqual([
      'Xingchen Platform: Published',
      'Open Platform: Taken Down',
      'AIUI: Published',
    ]);
    expect(describeReleaseStatus(2 | 4 | 64).platforms.map((p) => p.status)).toEqual([
      'Taken Down',
      'Published',
      'Taken Down',
    ]);
  });

  it('reports the shared API bit separately', () => {
    const words = describeReleaseStatus(8);
    expect(words.published_as_api).toBe(true);
    expect(words.platforms.every((p) => p.status === 'Unpublished')).toBe(true);
  });

  it('follows the publish matrix: publish, then take down on the same platform', () => {
    const published = applyReleaseOp(0, 1, 2)!;
    expect(statuses(published)[1]).toBe('Open Platform: Published');
    const down = applyReleaseOp(published, 3, 2)!;
    expect(statuses(down)[1]).toBe('Open Platform: Taken Down');
    expect(describeReleaseStatus(applyReleaseOp(down, 2, 2)).published_as_api).toBe(true);
  });
});
