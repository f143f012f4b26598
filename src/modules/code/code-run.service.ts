import { Injectable } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';
import { ErrorCode } from '../../core/errors/error-code';
import { CodeEngineServices } from './code-engine-services';
import { CodeRunDto } from './dto/code-run.dto';
import { sandboxTenant } from '../../engine';
import type { SandboxCaller } from '../../core/http/sandbox-caller';

const RUN_TIMEOUT_MS = 60_000;
const SHOWN_RESULT_CHARS = 200;

/** `/code/run` (docs/api.md#code-run): `main(**variables)` in the sandbox, result parsed as JSON. */
@Injectable()
export class CodeRunService {
  constructor(private readonly code: CodeEngineServices) {}

  async run(body: CodeRunDto, caller: SandboxCaller, signal: AbortSignal): Promise<unknown> {
    // later duplicates win
    const variables = Object.fromEntries(body.variables.map((v) => [v.name, v.content ?? null]));
    const result = await this.code.runner.run({
      language: body.code_language ?? 'python',
      code: body.code,
      variables,
      timeoutMs: RUN_TIMEOUT_MS,
      signal,
      appId: body.app_id,
      uid: body.uid,
      // the body's app_id is the caller's to write: the process is picked by the calling app
      tenant: sandboxTenant.codeRun(caller.app),
      caller: caller.limitKey,
    });
    try {
      return JSON.parse(result.text) as unknown;
    } catch {
      // docs/decisions.md#q11: the reference answers `list index out of range` here; same code, clear text.
      const shown = result.text.slice(0, SHOWN_RESULT_CHARS);
      throw new AppException(
        ErrorCode.CODE_EXECUTION_ERROR,
        `main must return a JSON value (dict, list, number, bool) or JSON text; it returned: ${shown}`,
      );
    }
  }
}
