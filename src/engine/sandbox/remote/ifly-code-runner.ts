import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { CodeRunRequest, CodeRunResult, CodeRunner } from '../code-runner';
import { wrapPythonProgram } from './python-wrapper';

export interface IflyCodeRunnerOptions {
  /** CODE_EXEC_URL; absent → every run fails with 21600 */
  url?: string;
  /** pause between attempts while the remote pod is not ready (code 10405) */
  retryDelayMs?: number;
  maxAttempts?: number;
}

interface RemoteBody {
  code?: number;
  message?: string;
  data?: { stdout?: string; stderr?: string };
}

const POD_NOT_READY = 10405;
const KILLED_BY_DEADLINE = 'exec code error::context deadline exceeded::signal: killed';
const STDIN_TRACE_LINE = /^\s*File "<stdin>", line \d+, in <module>\n?/m;

function parseBody(text: string): RemoteBody {
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null ? (body as RemoteBody) : {};
  } catch {
    return {};
  }
}

/**
 * The remote (`CODE_EXEC_TYPE=ifly`) Python sandbox contract of docs/nodes.md#ifly-code:
 * `POST {url}?appid=&uid=` with `{code, timeout_sec}`; stdout is the result.
 */
export class IflyCodeRunner implements CodeRunner {
  constructor(private readonly options: IflyCodeRunnerOptions) {}

  async run(request: CodeRunRequest): Promise<CodeRunResult> {
    const { url } = this.options;
    if (!url) throw new AppException(ErrorCode.CODE_EXECUTION_ERROR, 'CODE_EXEC_URL is not set');
    const target = new URL(url);
    target.searchParams.set('appid', request.appId ?? '');
    target.searchParams.set('uid', request.uid ?? '');
    const body = JSON.stringify({
      code: wrapPythonProgram(request.code, request.variables),
      timeout_sec: Math.max(1, Math.ceil(request.timeoutMs / 1000)),
    });
    const attempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: request.signal,
      });
      const text = await response.text();
      const parsed = parseBody(text);
      if (response.status === 200) {
        const stdout = parsed.data?.stdout ?? '';
        return { text: stdout.endsWith('\n') ? stdout.slice(0, -1) : stdout, stdout };
      }
      if (response.status !== 500) {
        throw new AppException(ErrorCode.CODE_EXECUTION_ERROR, text);
      }
      if (parsed.code === POD_NOT_READY) {
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 1000));
        continue;
      }
      const stderr = (parsed.data?.stderr ?? '').replace(STDIN_TRACE_LINE, '');
      const timedOut = (parsed.message ?? '').startsWith(KILLED_BY_DEADLINE);
      const code = timedOut
        ? ErrorCode.CODE_EXECUTION_TIMEOUT_ERROR
        : ErrorCode.CODE_EXECUTION_ERROR;
      throw AppException.raw(code.code, stderr || code.message);
    }
    throw new AppException(
      ErrorCode.CODE_EXECUTION_ERROR,
      `Retry attempts exceeded ${attempts} times`,
    );
  }

  async close(): Promise<void> {}
}
