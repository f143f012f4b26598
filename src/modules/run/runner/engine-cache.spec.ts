import { EngineCache } from './engine-cache';

describe('EngineCache', () => {
  const key = { mode: 'debug' as const, flowId: '7', variant: '' };

  it('builds once per row version and mode', () => {
    const cache = new EngineCache<object>();
    let builds = 0;
    const build = () => ({ n: ++builds });
    const first = cache.get(key, 100, build);
    expect(cache.get(key, 100, build)).toBe(first);
    expect(cache.get({ ...key, mode: 'release' }, 100, build)).not.toBe(first);
    expect(cache.get(key, 200, build)).not.toBe(first);
    expect(cache.stats()).toEqual({ hits: 1, builds: 3, size: 2 });
  });

  it('forgets every variant of a flow on invalidation, and only that flow', () => {
    const cache = new EngineCache<object>();
    const a = cache.get(key, 1, () => ({}));
    const other = cache.get({ ...key, flowId: '77' }, 1, () => ({}));
    cache.get({ ...key, variant: 'app1' }, 1, () => ({}));
    cache.invalidateFlow('7');
    expect(cache.get(key, 1, () => ({}))).not.toBe(a);
    expect(cache.get({ ...key, flowId: '77' }, 1, () => ({}))).toBe(other);
  });

  it('caches nothing when the build fails', () => {
    const cache = new EngineCache<object>();
    expect(() =>
      cache.get(key, 1, () => {
        throw new Error('bad dsl');
      }),
    ).toThrow('bad dsl');
    expect(cache.stats().size).toBe(0);
  });

  it('evicts the oldest entry beyond its bound', () => {
    const cache = new EngineCache<object>(2);
    const first = cache.get({ ...key, flowId: '1' }, 1, () => ({}));
    cache.get({ ...key, flowId: '2' }, 1, () => ({}));
    cache.get({ ...key, flowId: '3' }, 1, () => ({}));
    expect(cache.get({ ...key, flowId: '1' }, 1, () => ({}))).not.toBe(first);
  });
});
