// Small helpers shared by the benchmarks: statistics and aligned output.

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function line(label: string, value: string, note = ''): void {
  process.stdout.write(`  ${label.padEnd(44)} ${value.padStart(12)}${note ? `  ${note}` : ''}\n`);
}

/** "target ≤ 20" style note with a verdict, for the printed table only. */
export function target(ok: boolean, text: string): string {
  return `(target ${text}: ${ok ? 'met' : 'not met'})`;
}

/** nearest-rank percentile of unsorted values */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
