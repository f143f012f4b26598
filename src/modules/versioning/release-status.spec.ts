import { isLookupPublished, isUnpublished } from './release-status';

describe('release status predicates', () => {
  it.each([
    [0, true],
    [null, true],
    [1, false],
    [2, false],
    [2 | 16, false],
    [2 | 16 | 64, true],
    [1 | 2 | 16 | 64, true],
    [32, false],
  ])('isUnpublished(%p) = %p', (bits, expected) => {
    expect(isUnpublished(bits)).toBe(expected);
  });

  it.each([
    [0, false],
    [1, true],
    [4, true],
    [5, true],
    [8, false],
    [32, false],
    [2 | 16, false],
    [1 | 16, true],
  ])('isLookupPublished(%p) = %p', (bits, expected) => {
    expect(isLookupPublished(bits)).toBe(expected);
  });
});
