import { isSnowflakeString, newSnowflakeId, SnowflakeGenerator } from './snowflake';

describe('snowflake ids', () => {
  it('are unique, increasing and beyond 2^53', () => {
    const generator = new SnowflakeGenerator(7n);
    const ids = Array.from({ length: 5000 }, () => generator.next());
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
    expect(ids[0] > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect((ids[0] >> 12n) & 1023n).toBe(7n);
  });

  it('are strings on the wire that survive a round trip exactly', () => {
    const id = newSnowflakeId();
    expect(id).toMatch(/^\d{19}$/);
    expect(BigInt(id).toString()).toBe(id);
  });

  it.each([
    ['7381234567890123456', true],
    ['9223372036854775807', true],
    ['9223372036854775808', false],
    ['12a', false],
    ['', false],
    [123, false],
  ])('isSnowflakeString(%p) = %p', (value, expected) => {
    expect(isSnowflakeString(value)).toBe(expected);
  });
});
