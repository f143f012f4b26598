import { compareVersionsDesc, versionKey } from './version-order';

describe('versionKey', () => {
  it.each([
    ['-1', -1, -1],
    ['v1.2.3', 1, 3],
    ['v1.0', 1, 0],
    ['v2', 2, 0],
    ['V10.4', 10, 4],
    ['1.7', 1, 7],
    ['v3.1.12', 3, 12],
    ['', 0, 0],
    ['beta', 0, 0],
    ['vX.y', 0, 0],
  ])('%s → major %d, minor %d', (label, major, minor) => {
    expect(versionKey(label)).toEqual({ major, minor });
  });
});

describe('compareVersionsDesc', () => {
  it.each([
    [
      ['v1.0', 'v2.0', '-1'],
      ['v2.0', 'v1.0', '-1'],
    ],
    [
      ['v1.2', 'v1.10', 'v1.9'],
      ['v1.10', 'v1.9', 'v1.2'],
    ],
    [
      ['v1.0.9', 'v1.1'],
      ['v1.0.9', 'v1.1'],
    ],
    [
      ['-1', 'v0.1'],
      ['v0.1', '-1'],
    ],
  ])('orders %j as %j', (input, expected) => {
    expect([...input].sort(compareVersionsDesc)).toEqual(expected);
  });
});
