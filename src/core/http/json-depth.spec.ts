import { DEFAULT_JSON_MAX_DEPTH, exceedsJsonDepth } from './json-depth';

const nest = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('exceedsJsonDepth', () => {
  it.each([
    ['a scalar', '5', 0],
    ['an empty object', '{}', 1],
    ['objects and arrays alike', '{"a":[{"b":[]}]}', 4],
    ['siblings do not add up', '[[1],[2],{"a":{}}]', 3],
  ])('%s', (_name, text, depth) => {
    expect(exceedsJsonDepth(text, depth)).toBe(false);
    if (depth > 0) expect(exceedsJsonDepth(text, depth - 1)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(exceedsJsonDepth(JSON.stringify({ a: '[[[[{{{{', b: 'x\\"[[[[' }), 1)).toBe(false);
    expect(exceedsJsonDepth(JSON.stringify(['"]]]]"', ['[']]), 2)).toBe(false);
  });

  it('accepts the limit itself and refuses one level more', () => {
    expect(exceedsJsonDepth(nest(DEFAULT_JSON_MAX_DEPTH), DEFAULT_JSON_MAX_DEPTH)).toBe(false);
    expect(exceedsJsonDepth(nest(DEFAULT_JSON_MAX_DEPTH + 1), DEFAULT_JSON_MAX_DEPTH)).toBe(true);
  });

  it('scans a million levels without recursion', () => {
    expect(exceedsJsonDepth(nest(1_000_000), DEFAULT_JSON_MAX_DEPTH)).toBe(true);
    expect(exceedsJsonDepth('['.repeat(1_000_000), DEFAULT_JSON_MAX_DEPTH)).toBe(true);
  });
});
