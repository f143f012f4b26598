import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  let now = 1000;
  const clock = () => now;

  beforeEach(() => {
    now = 1000;
  });

  it('serves an entry until its time-to-live has passed', () => {
    const cache = new TtlCache<string>(500, 10, clock);
    cache.set('a', 'x');
    now = 1499;
    expect(cache.get('a')).toBe('x');
    now = 1500;
    expect(cache.get('a')).toBeUndefined();
  });

  it('restarts the time-to-live when an entry is set again', () => {
    const cache = new TtlCache<string>(500, 10, clock);
    cache.set('a', 'x');
    now = 1400;
    cache.set('a', 'y');
    now = 1800;
    expect(cache.get('a')).toBe('y');
  });

  it('evicts the oldest entries beyond its size', () => {
    const cache = new TtlCache<number>(500, 2, clock);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
  });

  it('deletes single entries, matching entries, or all', () => {
    const cache = new TtlCache<number>(500, 10, clock);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    cache.delete('a');
    cache.deleteWhere((value) => value === 2);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, undefined, 3]);
    cache.clear();
    expect(cache.get('c')).toBeUndefined();
  });
});
