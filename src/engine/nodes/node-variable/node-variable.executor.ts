import { ErrorCode } from '../../errors/error-codes';
import { genericBuildError } from '../../dsl/build-errors';
import type { SystemVariables } from '../../runtime/run-context';
import { initialValue } from '../../values/values';
import { registerExecutor, type NodeExecutor } from '../../runtime/node-executor';
import { withNodeCode } from '../output-common/output-errors';
import { requiredString } from '../param-readers';
import './variable-store';

// `node-variable` (docs/nodes.md#node-variable): `set` stores its inputs, `get` reads its declared
// outputs (stored value, else the declared default) in the flow/user/app/chat scope.

interface VariableParams {
  readonly method: 'set' | 'get';
  readonly flowId: string;
}

export function variableScopeKey(flowId: string, system: SystemVariables): string {
  const base = `sparkflowV2:variable_pool:${flowId}:${system.uid}:${system.appId}`;
  return system.chatId === null ? base : `${base}:${system.chatId}`;
}

export const nodeVariableExecutor: NodeExecutor<VariableParams> = {
  compile: (def) => {
    const method = requiredString(def.nodeParam, def.id, 'method');
    if (method !== 'set' && method !== 'get') {
      throw genericBuildError(`Node ${def.id} nodeParam.method: must be set or get`);
    }
    return { method, flowId: requiredString(def.nodeParam, def.id, 'flowId') };
  },
  execute: (node, ctx) =>
    withNodeCode(ErrorCode.VARIABLE_NODE_EXECUTION_ERROR, async () => {
      const store = ctx.service('variables');
      const key = variableScopeKey(node.params.flowId || ctx.system.flowId, ctx.system);
      if (node.params.method === 'set') {
        const inputs = ctx.resolveInputs();
        await store.set(key, inputs);
        return { inputs, outputs: {} };
      }
      const stored = await store.get(
        key,
        node.outputs.map((o) => o.name),
      );
      const outputs: Record<string, unknown> = {};
      for (const output of node.outputs) {
        outputs[output.name] =
          output.name in stored ? stored[output.name] : initialValue(output.schema);
      }
      return { inputs: {}, outputs };
    }),
};

registerExecutor('node-variable', nodeVariableExecutor);
