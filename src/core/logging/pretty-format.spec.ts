import { formatPrettyLine } from './pretty-format';

const plain = { colours: false, stacks: false };
const TIME = Date.UTC(2026, 0, 2, 3, 4, 5, 6);

describe('formatPrettyLine', () => {
  it('writes a request line as time, level, message, request, code, duration and the rest', () => {
    const line = formatPrettyLine(
      {
        level: 40,
        time: TIME,
        pid: 1,
        hostname: 'h',
        sid: 'spf1',
        req: { method: 'POST', url: '/workflow/v1/chat/completions' },
        res: { status: 200 },
        code: 20201,
        duration_ms: 12,
        route: '/workflow/v1/chat/completions',
        msg: 'request failed',
      },
      plain,
    );
    expect(line).toBe(
      '2026-01-02 03:04:05.006 WARN  request failed POST /workflow/v1/chat/completions → 200 ' +
        'code=20201 12ms sid=spf1 route=/workflow/v1/chat/completions',
    );
  });

  it('names the context, flattens objects, quotes values with spaces, keeps the error message', () => {
    const line = formatPrettyLine(
      {
        level: 50,
        time: TIME,
        context: 'Errors',
        msg: 'unexpected error',
        run: { flow: 'f 1', steps: 3 },
        err: { message: 'boom', stack: 'Error: boom\n    at x (y.js:1:1)' },
      },
      plain,
    );
    expect(line).toBe(
      '2026-01-02 03:04:05.006 ERROR [Errors] unexpected error run.flow="f 1" run.steps=3 err=boom',
    );
  });

  it('adds the stack below the line when asked (LOG_LEVEL debug), colours the level', () => {
    const line = formatPrettyLine(
      { level: 50, time: TIME, msg: 'x', err: { message: 'boom', stack: 'Error: boom\n  at f' } },
      { colours: true, stacks: true },
    );
    expect(line.split('\n')).toEqual([
      '2026-01-02 03:04:05.006 \x1b[31mERROR\x1b[0m x err=boom',
      '    Error: boom',
      '    at f',
    ]);
  });
});
