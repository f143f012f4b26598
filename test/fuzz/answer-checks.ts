// Judges one answer of the bad-input fuzz: the documented wire shape, a usable code, and no
// text that comes from an exception rather than from the service's own error table.

/** Exception texts and internals that must never reach a client. */
export const LEAK_PATTERNS: RegExp[] = [
  /Cannot read propert/i,
  /Cannot set propert/i,
  /is not a function/,
  /is not iterable/,
  /is not defined/,
  /Maximum call stack/i,
  /\bundefined\b/,
  /\b(Type|Range|Reference|Syntax|Eval|URI)Error\b/,
  /\n\s*at \S+ \(|\n\s*at \//,
  /QueryFailedError|EntityNotFound|TypeORMError/,
  /SQLITE_[A-Z]+/,
  /\bER_[A-Z_]+/,
  /\bECONN(REFUSED|RESET)\b/,
  /node_modules|\.ts:\d+|\.js:\d+/,
  /\[object Object\]/,
];

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** Problems found in one answer (empty when it is fine). */
export function answerProblems(answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  const bodies = bodiesOf(answer, problems);
  for (const body of bodies) problems.push(...bodyProblems(body, answer.status));
  return problems;
}

function bodiesOf(answer: Answer, problems: string[]): Record<string, unknown>[] {
  try {
    if (answer.contentType.startsWith('text/event-stream')) return sseFrames(answer.text);
    if (answer.contentType.startsWith('application/json')) {
      const body = JSON.parse(answer.text) as unknown;
      if (body && typeof body === 'object' && !Array.isArray(body)) {
        return [body as Record<string, unknown>];
      }
    }
  } catch {
    // reported below
  }
  problems.push(`not the documented shape: ${answer.contentType} ${answer.text.slice(0, 120)}`);
  return [];
}

function sseFrames(text: string): Record<string, unknown>[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      if (!frame.startsWith('data: ')) throw new Error('not a data frame');
      return JSON.parse(frame.slice(6)) as Record<string, unknown>;
    });
}

function bodyProblems(body: Record<string, unknown>, status: number): string[] {
  // routing misses answer the reference's `{"detail": …}` (HTTP 404/405)
  if ((status === 404 || status === 405) && typeof body.detail === 'string') return [];
  // the layout build stream: `{"message": …}` then `{"end_of_stream": true, "sid": …}`
  if (body.end_of_stream === true) {
    return typeof body.sid === 'string' ? [] : ['build end frame without sid'];
  }
  if (!('code' in body) && typeof body.message === 'string') return leaks(body.message);
  const problems: string[] = [];
  const sid = body.sid ?? body.id;
  if (typeof body.code !== 'number') problems.push(`code is not a number: ${String(body.code)}`);
  if (body.code === 500) problems.push('code 500');
  if (typeof body.message !== 'string') problems.push('message is not a string');
  if (typeof sid !== 'string' || sid === '') problems.push('no sid');
  if (typeof body.message === 'string') problems.push(...leaks(body.message));
  return problems;
}

function leaks(message: string): string[] {
  return LEAK_PATTERNS.filter((pattern) => pattern.test(message)).map(
    (pattern) => `message leaks ${pattern}: ${message.slice(0, 200)}`,
  );
}
