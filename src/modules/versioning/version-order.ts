// Ordering of version labels for the published-flow lookup (docs/api.md#published-flow-lookup): major DESC,
// minor DESC, where major = the integer before the first "." after stripping a leading "v",
// and minor = the integer after the last ".". "-1" (the working row) sorts below any label.
// A part that is not a number counts as 0, as the database's integer cast does.

export interface VersionKey {
  major: number;
  minor: number;
}

export function versionKey(version: string | null | undefined): VersionKey {
  const label = (version ?? '').trim();
  const dot = label.indexOf('.');
  const head = (dot < 0 ? label : label.slice(0, dot)).replace(/^[vV]/, '');
  const tail = dot < 0 ? label : label.slice(label.lastIndexOf('.') + 1);
  return { major: leadingInt(head), minor: leadingInt(tail) };
}

/** Comparator putting the highest version first. */
export function compareVersionsDesc(a: string | null, b: string | null): number {
  const x = versionKey(a);
  const y = versionKey(b);
  return y.major - x.major || y.minor - x.minor;
}

function leadingInt(text: string): number {
  const match = /^[+-]?\d+/.exec(text.trim());
  if (!match) return 0;
  const value = Number.parseInt(match[0], 10);
  return Number.isSafeInteger(value) ? value : value > 0 ? Number.MAX_SAFE_INTEGER : 0;
}
