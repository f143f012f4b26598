// LOG_FORMAT=pretty: pino's JSON record rewritten as one line a person reads —
// `<time> <LEVEL> [context] <message> key=value …` — instead of a JSON blob.

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

const LEVEL_COLOURS: Record<number, string> = {
  10: '\x1b[90m',
  20: '\x1b[90m',
  30: '\x1b[32m',
  40: '\x1b[33m',
  50: '\x1b[31m',
  60: '\x1b[35m',
};

const RESET = '\x1b[0m';

/** pino's own bookkeeping and the fields already placed at the front of the line. */
const SHOWN_ELSEWHERE = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'context', 'err']);

export interface PrettyOptions {
  /** ANSI colour for the level (a terminal) */
  colours: boolean;
  /** an error's stack on the lines below it (LOG_LEVEL debug/trace); else its message only */
  stacks: boolean;
}

/** One pino record (already parsed) as one line, without the trailing newline. */
export function formatPrettyLine(record: Record<string, unknown>, options: PrettyOptions): string {
  const level = typeof record.level === 'number' ? record.level : 30;
  const name = (LEVEL_NAMES[level] ?? String(level)).padEnd(5);
  const parts = [
    timeOf(record.time),
    options.colours ? `${LEVEL_COLOURS[level] ?? ''}${name}${RESET}` : name,
  ];
  if (typeof record.context === 'string') parts.push(`[${record.context}]`);
  if (record.msg !== undefined) parts.push(String(record.msg));
  const request = requestSummary(record);
  if (request) parts.push(request.text);
  for (const [key, value] of Object.entries(record)) {
    if (SHOWN_ELSEWHERE.has(key) || request?.fields.has(key) || value === undefined) continue;
    flatten(key, value, parts);
  }
  const err = record.err as { message?: unknown; stack?: unknown } | undefined;
  if (err) parts.push(`err=${quoted(String(err.message ?? err.stack ?? 'error'))}`);
  const line = parts.join(' ');
  if (options.stacks && err && typeof err.stack === 'string') {
    return `${line}\n${indent(err.stack)}`;
  }
  return line;
}

function timeOf(time: unknown): string {
  const date = typeof time === 'number' ? new Date(time) : new Date();
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** The request line's `req`/`res`/`code`/`duration_ms` as `POST /path → 200 code=0 12ms`. */
function requestSummary(record: Record<string, unknown>) {
  const req = record.req as { method?: unknown; url?: unknown } | undefined;
  const res = record.res as { status?: unknown } | undefined;
  if (!req || typeof req.method !== 'string') return undefined;
  const text = [`${req.method} ${String(req.url)}`];
  if (res && res.status !== undefined) text.push(`→ ${String(res.status)}`);
  if (typeof record.code === 'number') text.push(`code=${record.code}`);
  if (typeof record.duration_ms === 'number') text.push(`${record.duration_ms}ms`);
  return { text: text.join(' '), fields: new Set(['req', 'res', 'code', 'duration_ms']) };
}

function flatten(key: string, value: unknown, parts: string[]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [inner, innerValue] of Object.entries(value)) {
      if (innerValue !== undefined) flatten(`${key}.${inner}`, innerValue, parts);
    }
    return;
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  parts.push(`${key}=${quoted(text)}`);
}

function quoted(text: string): string {
  return /[\s"=]/.test(text) || text === '' ? JSON.stringify(text) : text;
}

function indent(stack: string): string {
  return stack
    .split('\n')
    .map((line) => `    ${line.trim()}`)
    .join('\n');
}
