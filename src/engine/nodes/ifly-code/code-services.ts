import type { CodeRunner } from '../../sandbox/code-runner';

/** What the code node needs from the service (engine service `code`). */
export interface CodeEngineService {
  readonly runner: CodeRunner;
  /** CODE_EXEC_TIMEOUT_SEC in milliseconds: used when retryConfig.timeout is 0 */
  readonly fallbackTimeoutMs: number;
}

declare module '../../runtime/engine-services' {
  interface EngineServices {
    code: CodeEngineService;
  }
}
