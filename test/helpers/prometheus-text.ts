/**
 * Reads the Prometheus text format into `name{labels}` → value, labels sorted by name so a
 * spec can look a series up whatever order the registry wrote them in.
 */
export function parsePrometheus(text: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const [, name, labels = '', value] = match;
    series.set(seriesKey(name, parseLabels(labels)), Number(value));
  }
  return series;
}

export function seriesKey(name: string, labels: Record<string, string> = {}): string {
  const parts = Object.keys(labels)
    .sort()
    .map((key) => `${key}="${labels[key]}"`);
  return parts.length === 0 ? name : `${name}{${parts.join(',')}}`;
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  const pattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
  for (const match of text.matchAll(pattern)) labels[match[1]] = match[2];
  return labels;
}
