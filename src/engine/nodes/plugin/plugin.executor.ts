import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { BuiltNode } from '../../dsl/built-workflow';
import type { NodeResult } from '../../runtime/node-result';
import type { NodeRunContext } from '../../runtime/run-context';
import { isPlainObject, jsonHasType, zeroValue } from '../../values/values';
import { registerExecutor, type NodeExecutor } from '../../runtime/node-executor';
import { withNodeCode } from '../output-common/output-errors';
import { compilePluginParams, type PluginParams } from './plugin-params';
import { assembleRequest } from './request-parts';
import { nodeCallLimit } from '../call-limit';

// `plugin` (docs/nodes.md#plugin): one OpenAPI operation of a registered tool, run through the
// tool gateway (engine service `toolGateway`). Gateway codes surface as their mapped 218xx
// code; anything else is 23400.

/** Declared outputs from the tool result: missing or mistyped values become zero values. */
function outputsOf(node: BuiltNode<PluginParams>, result: Record<string, unknown>) {
  const outputs: Record<string, unknown> = {};
  for (const [name, output] of node.outputByName) {
    const value = result[name];
    outputs[name] =
      Object.hasOwn(result, name) && jsonHasType(output.schema.type, value)
        ? value
        : zeroValue(output.schema.type);
  }
  return outputs;
}

async function execute(node: BuiltNode<PluginParams>, ctx: NodeRunContext): Promise<NodeResult> {
  const p = node.params;
  const gateway = ctx.service('toolGateway');
  const inputs = ctx.resolveInputs();
  const limit = nodeCallLimit(node, ctx, gateway.timeoutMs);
  const lookup = { appId: p.appId, toolId: p.pluginId, version: p.version };
  const operation = await gateway.operation({ ...lookup, operationId: p.operationId }, limit);
  if (!operation) {
    throw new AppException(
      ErrorCode.PLUGIN_NODE_EXECUTION_ERROR,
      `plugin not found: ${p.operationId}`,
    );
  }
  const parts = assembleRequest(operation.schema, inputs, p.businessInput);
  const result = await gateway.run({ appId: p.appId, version: p.version, operation, parts }, limit);
  if (!isPlainObject(result)) {
    throw new AppException(ErrorCode.PLUGIN_NODE_EXECUTION_ERROR, 'tool result is not an object');
  }
  return { inputs, outputs: outputsOf(node, result) };
}

export const pluginExecutor: NodeExecutor<PluginParams> = {
  compile: compilePluginParams,
  execute: (node, ctx) =>
    withNodeCode(ErrorCode.PLUGIN_NODE_EXECUTION_ERROR, () => execute(node, ctx)),
  traits: { errorGroup: 'non-stream' },
};

registerExecutor('plugin', pluginExecutor);
