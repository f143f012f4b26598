import { retrieveOncePerRun } from './run-retrieval-cache';

describe('retrieveOncePerRun', () => {
  it('shares one call per key within a run, hands out copies, forgets failures', async () => {
    const run = {};
    let calls = 0;
    const retrieve = () => {
      calls += 1;
      return Promise.resolve({ results: [{ n: calls }] });
    };
    const [a, b] = await Promise.all([
      retrieveOncePerRun(run, 'k', retrieve),
      retrieveOncePerRun(run, 'k', retrieve),
    ]);
    expect(calls).toBe(1);
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
    await retrieveOncePerRun({}, 'k', retrieve); // another run
    expect(calls).toBe(2);

    const failing = () => {
      calls += 1;
      return Promise.reject(new Error('down'));
    };
    await expect(retrieveOncePerRun(run, 'f', failing)).rejects.toThrow('down');
    await expect(retrieveOncePerRun(run, 'f', failing)).rejects.toThrow('down');
    expect(calls).toBe(4);
  });
});
