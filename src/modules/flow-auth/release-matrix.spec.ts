import { applyReleaseOp, platformName, releaseBit, ReleaseOp } from './release-matrix';

describe('release matrix', () => {
  // the whole docs/api.md#release-status table: [op, plat, bit or null]
  it.each<[ReleaseOp, number, number | null]>([
    [0, 0, null],
    [0, 1, 0],
    [0, 2, 0],
    [0, 3, null],
    [0, 4, 0],
    [1, 0, null],
    [1, 1, 1],
    [1, 2, 4],
    [1, 3, null],
    [1, 4, 32],
    [2, 0, null],
    [2, 1, 8],
    [2, 2, 8],
    [2, 3, null],
    [2, 4, null],
    [3, 0, null],
    [3, 1, 2],
    [3, 2, 16],
    [3, 3, null],
    [3, 4, 64],
    [1, 5, null],
    [1, 8, null],
  ])('op %d on platform %d sets %p', (op, plat, bit) => {
    expect(releaseBit(op, plat)).toBe(bit);
  });

  it.each<[string, number, ReleaseOp, number, number | null]>([
    ['publish on Xingchen', 0, 1, 1, 1],
    ['publish on Open platform keeps Xingchen', 1, 1, 2, 5],
    ['publish to API on Xingchen', 1, 2, 1, 9],
    ['re-publish after take-down clears the taken-down bit', 2, 1, 1, 1],
    ['take down on Xingchen clears published and API bits', 1 | 4 | 8, 3, 1, 4 | 2],
    ['take down on Open platform', 4 | 8 | 1, 3, 2, 1 | 16],
    ['take down on AIUI', 32 | 1, 3, 4, 1 | 64],
    ['publish on AIUI clears AIUI taken-down only', 64 | 2, 1, 4, 2 | 32],
    ['op 0 changes nothing', 1 | 16, 0, 2, 1 | 16],
    ['API on AIUI is not offered', 0, 2, 4, null],
    ['platform 0 is not offered', 0, 1, 0, null],
    ['platform 3 is not offered', 0, 3, 3, null],
  ])('%s', (_name, current, op, plat, expected) => {
    expect(applyReleaseOp(current, op, plat)).toBe(expected);
  });

  it('names platforms as the reference does', () => {
    expect([1, 2, 4, 0].map(platformName)).toEqual([
      'Xingchen Platform',
      'Open Platform',
      'AIUI',
      'platform 0',
    ]);
  });
});
