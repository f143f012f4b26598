import type { CodeRunRequest, CodeRunResult, CodeRunner } from './code-runner';

/**
 * Sends Python to one runner and JavaScript to another: with `CODE_EXEC_TYPE=ifly` Python
 * goes to the remote sandbox while JavaScript (which the remote contract does not know) stays
 * in the local QuickJS pool.
 */
export class LanguageRouter implements CodeRunner {
  constructor(
    private readonly python: CodeRunner,
    private readonly javascript: CodeRunner,
  ) {}

  run(request: CodeRunRequest): Promise<CodeRunResult> {
    return (request.language === 'python' ? this.python : this.javascript).run(request);
  }

  async close(): Promise<void> {
    await Promise.all([this.python.close(), this.javascript.close()]);
  }
}
