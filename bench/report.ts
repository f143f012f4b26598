// Small helpers shared by the benchmarks: statistics, aligned output, and the verdicts of the
// issue's targets, which `bench/run.ts` prints again as one table at the end.

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function line(label: string, value: string, note = ''): void {
  process.stdout.write(`  ${label.padEnd(44)} ${value.padStart(12)}${note ? `  ${note}` : ''}\n`);
}

/** nearest-rank percentile of unsorted values */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Least-squares slope of y over x (units of y per unit of x); 0 with fewer than 2 points. */
export function leastSquaresSlope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  let covariance = 0;
  let varianceX = 0;
  for (const [x, y] of points) {
    covariance += (x - meanX) * (y - meanY);
    varianceX += (x - meanX) ** 2;
  }
  return varianceX === 0 ? 0 : covariance / varianceX;
}

/** The most intervals `[from, until)` that overlap at one moment (0 for none). */
export function maxOverlap(intervals: readonly (readonly [number, number])[]): number {
  // ends sort before starts at the same moment: [0, 1) and [1, 2) never overlap
  const events = intervals
    .flatMap(([from, until]): [number, number][] => [
      [from, 1],
      [until, -1],
    ])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let most = 0;
  for (const [, change] of events) {
    open += change;
    most = Math.max(most, open);
  }
  return most;
}

/** One target of the performance issue, judged on a figure of this run. */
export interface Verdict {
  name: string;
  figure: string;
  /** e.g. "≤ 2 × relay" */
  target: string;
  pass: boolean;
}

const verdicts: Verdict[] = [];

export function verdictLine(v: Verdict): string {
  return `${v.name}: ${v.figure} (target ${v.target}) ${v.pass ? 'PASS' : 'FAIL'}`;
}

/**
 * Prints "<name>: <figure> (target …) PASS|FAIL" and keeps the verdict for the summary. A FAIL
 * is a figure like any other: it never throws, so the benchmark goes on and the exit code of
 * `npm run bench` only counts benchmarks that could not run.
 */
export function verdict(name: string, figure: string, targetText: string, pass: boolean): void {
  const v = { name, figure, target: targetText, pass };
  verdicts.push(v);
  process.stdout.write(`  ${verdictLine(v)}\n`);
}

export function collectedVerdicts(): readonly Verdict[] {
  return verdicts;
}

/** The verdicts as an aligned table, one row each (empty when there are none). */
export function verdictTable(list: readonly Verdict[]): string {
  if (list.length === 0) return '';
  const rows = list.map((v) => [v.name, v.figure, v.target, v.pass ? 'PASS' : 'FAIL']);
  const header = ['target', 'figure', 'wanted', 'verdict'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const format = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(format)]
    .map((row) => `  ${row.trimEnd()}\n`)
    .join('');
}
