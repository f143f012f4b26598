import { streamEnding } from './llm-load';
import { leastSquaresSlope, maxOverlap, verdictLine, verdictTable } from './report';

describe('bench report helpers', () => {
  it('fits the least-squares slope of a noisy line', () => {
    const points = [0, 1, 2, 3, 4, 5].map(
      (x, i) => [x, 3 * x + 10 + (i % 2 ? 0.5 : -0.5)] as const,
    );
    // the alternating noise tilts the fit by Σ(x − x̄)e / Σ(x − x̄)² = 1.5 / 17.5
    expect(leastSquaresSlope(points)).toBeCloseTo(3 + 1.5 / 17.5, 9);
    expect(leastSquaresSlope([[0, 100]])).toBe(0);
    expect(
      leastSquaresSlope([
        [1, 5],
        [1, 9],
      ]),
    ).toBe(0);
  });

  it('counts the most intervals open at one moment', () => {
    expect(maxOverlap([])).toBe(0);
    expect(
      maxOverlap([
        [0, 10],
        [2, 5],
        [4, 6],
        [5, 7],
      ]),
    ).toBe(3);
    expect(
      maxOverlap([
        [0, 1],
        [1, 2],
      ]),
    ).toBe(1);
  });

  it('prints a verdict and the summary table with PASS and FAIL', () => {
    const pass = { name: 'ratio', figure: '1.50 ×', target: '≤ 2 ×', pass: true };
    const fail = { name: 'soak: errors', figure: '3 in 10 runs', target: '0', pass: false };
    expect(verdictLine(pass)).toBe('ratio: 1.50 × (target ≤ 2 ×) PASS');
    const rows = verdictTable([pass, fail]).split('\n');
    expect(rows[0]).toMatch(/^ {2}target +figure +wanted +verdict$/);
    expect(rows[2]).toMatch(/^ {2}ratio +1\.50 × +≤ 2 × +PASS$/);
    expect(rows[3]).toMatch(/^ {2}soak: errors +3 in 10 runs +0 +FAIL$/);
    expect(verdictTable([])).toBe('');
  });

  it('judges a stream by its last event', () => {
    const frame = (code: number, finish?: string) =>
      `data: ${JSON.stringify({ code, choices: [{ delta: {}, ...(finish ? { finish_reason: finish } : {}) }] })}`;
    expect(streamEnding(`${frame(0)}\n\n${frame(0, 'stop')}`, false)).toBeUndefined();
    expect(streamEnding(`${frame(0)}\n\n${frame(20804, 'stop')}`, false)).toMatch(/20804/);
    expect(streamEnding(frame(0), false)).toMatch(/last frame/);
    expect(streamEnding('data: {"x":1}\n\ndata: [DONE]', true)).toBeUndefined();
    expect(streamEnding('data: {"x":1}', true)).toMatch(/last event/);
    expect(streamEnding('', false)).toBe('no event');
  });
});
