import { AppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';

export type CodeLanguage = 'python' | 'javascript';

export interface CodeRunRequest {
  language: CodeLanguage;
  /** source defining `main`: Python `def main(a, b)` called as `main(**variables)`;
   * JavaScript `function main({ a, b })` called as `main(variables)` */
  code: string;
  variables: Record<string, unknown>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** app and user of the run: query parameters of the remote (`ifly`) executor */
  appId?: string;
  uid?: string;
  /** who the code belongs to: local Python processes never serve two tenants (default: appId).
   * Set it from an identity the caller cannot choose freely (see sandbox-tenant.ts), never from
   * a body field or the DSL. */
  tenant?: string;
  /** who asked (the calling app, else the client address): the sandbox start limits count per
   * caller (default: tenant) */
  caller?: string;
}

export interface CodeRunResult {
  /** the printed return value: strings as they are, Python `None` as `None`, anything else
   * JSON-encoded (non-ASCII kept) — what the reference sandbox prints to stdout */
  text: string;
  /** what the program printed itself (capped), for diagnostics only */
  stdout: string;
}

/** Runs user code in a sandbox. Failures are `AppException`s 21600 / 21601 / 21603. */
export interface CodeRunner {
  run(request: CodeRunRequest): Promise<CodeRunResult>;
  close(): Promise<void>;
}

/** How one sandboxed run ended (shared by the sandbox processes and the pools). */
export type SandboxStatus =
  'ok' | 'build' | 'runtime' | 'timeout' | 'output' | 'memory' | 'fatal' | 'crashed' | 'aborted';

export interface SandboxReply {
  status: SandboxStatus;
  text: string;
  stdout: string;
}

/** Maps a sandbox reply to the result or the typed error of docs/nodes.md#ifly-code. */
export function replyToResult(reply: SandboxReply): CodeRunResult {
  switch (reply.status) {
    case 'ok':
      return { text: reply.text, stdout: reply.stdout };
    case 'build':
      throw new AppException(ErrorCode.CODE_BUILD_ERROR, reply.text);
    case 'timeout':
      throw new AppException(ErrorCode.CODE_EXECUTION_TIMEOUT_ERROR);
    case 'memory':
      throw new AppException(ErrorCode.CODE_EXECUTION_ERROR, reply.text || 'memory limit exceeded');
    case 'aborted':
      throw new AppException(ErrorCode.CODE_EXECUTION_ERROR, reply.text || 'run aborted');
    default:
      throw new AppException(ErrorCode.CODE_EXECUTION_ERROR, reply.text || reply.status);
  }
}
