import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import { genericBuildError } from '../../dsl/build-errors';
import type { CodeLanguage } from '../../sandbox/code-runner';
import { registerExecutor, type NodeExecutor } from '../../runtime/node-executor';
import { withNodeCode } from '../output-common/output-errors';
import { optionalString, requiredString } from '../param-readers';
import { mainParameters } from './code-binding';
import { checkedOutputs, resultObject } from './code-result';
import './code-services';

// `ifly-code` (docs/nodes.md#ifly-code): runs the user's `main` in a sandbox (engine service `code`)
// and maps the printed result onto the declared outputs.

interface CodeParams {
  readonly language: CodeLanguage;
  readonly code: string;
  readonly appId: string;
  readonly uid: string;
  /** retryConfig.timeout (default 60 s); undefined when 0 → CODE_EXEC_TIMEOUT_SEC */
  readonly timeoutMs?: number;
}

function timeoutOf(retryConfig: Readonly<Record<string, unknown>>): number | undefined {
  const raw = retryConfig.timeout;
  const seconds = raw === undefined || raw === null ? 60 : Number(raw);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

export const iflyCodeExecutor: NodeExecutor<CodeParams> = {
  compile: (def) => {
    const language = optionalString(def.nodeParam, def.id, 'codeLanguage', 'python');
    if (language !== 'python' && language !== 'javascript') {
      throw genericBuildError(
        `Node ${def.id} nodeParam.codeLanguage: must be python or javascript`,
      );
    }
    return {
      language,
      code: requiredString(def.nodeParam, def.id, 'code'),
      appId: requiredString(def.nodeParam, def.id, 'appId'),
      uid: requiredString(def.nodeParam, def.id, 'uid'),
      timeoutMs: timeoutOf(def.retryConfig),
    };
  },
  execute: (node, ctx) =>
    withNodeCode(ErrorCode.CODE_EXECUTION_ERROR, async () => {
      const { language, code, appId, uid, timeoutMs } = node.params;
      const parameters = mainParameters(language, code);
      if (!parameters) {
        throw new AppException(ErrorCode.CODE_BUILD_ERROR, 'can not find main function');
      }
      const variables =
        parameters.kind === 'all'
          ? ctx.resolveInputs()
          : Object.fromEntries(parameters.names.map((name) => [name, ctx.input(name)]));
      const service = ctx.service('code');
      const result = await service.runner.run({
        language,
        code,
        variables,
        timeoutMs: timeoutMs ?? service.fallbackTimeoutMs,
        signal: ctx.signal,
        appId,
        uid,
        // the DSL's appId is whatever the flow's author wrote: isolate by the run's identity
        tenant: ctx.sandboxTenant,
        caller: ctx.sandboxCaller,
      });
      const outputs = checkedOutputs(resultObject(result.text, node.outputs), node.outputs);
      return { inputs: variables, outputs, rawOutput: result.text };
    }),
  traits: { errorGroup: 'non-stream' },
};

registerExecutor('ifly-code', iflyCodeExecutor);
