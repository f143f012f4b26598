import type { BuiltNode } from '../../dsl/built-workflow';
import type { NodeDefinition, NodeOutput } from '../../dsl/dsl.types';
import type { NodeResult } from '../../runtime/node-result';
import type { NodeRunContext } from '../../runtime/run-context';
import { compileLlmBase, LlmBaseParams, stringParam } from '../../providers/llm-node-params';
import '../../providers/llm-services';
import { pyStr } from '../../values/py-str';
import { FieldSchema, fixUpRequired, ObjectSchema } from '../../providers/schema-fixup';
import { NodeExecutor, registerExecutor } from '../../runtime/node-executor';
import { declaredDefault } from '../spark-llm/llm-outputs';
import { extractParameters } from './extract-parameters';

export interface ExtractorParams extends LlmBaseParams {
  mode: 'prompt' | 'function-call';
  instruction: string;
  questionType: string;
  schema: ObjectSchema;
}

/** The extraction schema of declared outputs (docs/nodes.md#schema-fix-up). */
export function schemaOfOutputs(outputs: readonly NodeOutput[]): ObjectSchema {
  const properties: Record<string, FieldSchema> = {};
  for (const output of outputs) {
    const field: FieldSchema = { type: output.schema.type ?? 'string' };
    if (output.schema.description) field.description = output.schema.description;
    if (output.schema.items) field.items = output.schema.items as FieldSchema;
    if (output.schema.properties)
      field.properties = output.schema.properties as Record<string, FieldSchema>;
    properties[output.name] = field;
  }
  return {
    type: 'object',
    properties,
    required: outputs.filter((o) => o.required).map((o) => o.name),
  };
}

/**
 * `extractor-parameter::` (docs/nodes.md#extractor-parameter): typed fields out of free text — prompt mode, or a
 * forced function call (Spark functions; OpenAI tools for `openai` sources).
 */
export const extractorParameterExecutor: NodeExecutor<ExtractorParams> = {
  compile(def: NodeDefinition): ExtractorParams {
    return {
      ...compileLlmBase(def),
      mode: def.nodeParam.reasonMode === 1 ? 'prompt' : 'function-call',
      instruction: stringParam(def, 'instruction'),
      questionType: stringParam(def, 'question_type', 'not_knowledge'),
      schema: schemaOfOutputs(def.outputs),
    };
  },

  async execute(node: BuiltNode<ExtractorParams>, ctx: NodeRunContext): Promise<NodeResult> {
    const params = node.params;
    const inputs = ctx.resolveInputs();
    const first = node.inputs[0];
    const text = first ? pyStr(inputs[first.name]) : '';
    const extraction = await extractParameters({
      mode: params.mode,
      text,
      schema: params.schema,
      instruction: params.instruction,
      questionType: params.questionType,
      provider: ctx.service('llm').provider(params.connection, ctx.system),
      frameTimeoutMs: node.retry.enabled ? node.retry.timeoutMs : undefined,
      signal: ctx.signal,
    });
    const values = Object.fromEntries(
      node.outputs.map((o) => [
        o.name,
        o.name in extraction.values ? extraction.values[o.name] : declaredDefault(o),
      ]),
    );
    return {
      inputs,
      outputs: fixUpRequired(values, params.schema),
      rawOutput: extraction.raw,
      tokenCost: extraction.usage,
    };
  },

  traits: { errorGroup: 'non-stream' },
};

registerExecutor('extractor-parameter', extractorParameterExecutor);
