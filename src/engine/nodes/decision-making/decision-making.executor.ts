import type { BuiltNode } from '../../dsl/built-workflow';
import type { NodeDefinition } from '../../dsl/dsl.types';
import type { NodeResult } from '../../runtime/node-result';
import type { NodeRunContext } from '../../runtime/run-context';
import { historyMessages, trimHistory } from '../../providers/chat-history';
import {
  compileLlmBase,
  invalid,
  LlmBaseParams,
  stringParam,
} from '../../providers/llm-node-params';
import '../../providers/llm-services';
import { pyStr } from '../../values/py-str';
import { NodeExecutor, registerExecutor } from '../../runtime/node-executor';
import { classifyIntent, DecisionMode, defaultIntent } from './classify-intent';
import type { Intent } from './decision-prompts';
import { appendNodeTurn, loadNodeTurns } from '../node-history-turns';

export interface DecisionParams extends LlmBaseParams {
  intents: Intent[];
  mode: DecisionMode;
  promptPrefix: string;
  questionType: string;
  /** the intent followed when the chosen handle has no edge (type 1, else named "default") */
  fallbackId?: string;
}

const CLASS_NAME = 'class_name';

/**
 * `decision-making::` (docs/nodes.md#decision-making): classifies the inputs into one intent and routes to its
 * branch; a handle without successors falls back to the default intent. Provider failures fail
 * the node with their code (the node is in the non-streaming error-handling group, so a flow
 * can still choose retries, a custom output or a fail branch).
 */
export const decisionMakingExecutor: NodeExecutor<DecisionParams> = {
  compile(def: NodeDefinition): DecisionParams {
    const raw = def.nodeParam.intentChains;
    if (!Array.isArray(raw) || raw.length === 0)
      throw invalid(def, 'intentChains must not be empty');
    const intents = raw.map((item: unknown, i): Intent => {
      const intent = (item ?? {}) as Record<string, unknown>;
      for (const key of ['id', 'name', 'description']) {
        if (typeof intent[key] !== 'string' || !intent[key]) {
          throw invalid(def, `intentChains[${i}].${key} must be a non-empty string`);
        }
      }
      return {
        id: intent.id as string,
        name: intent.name as string,
        description: intent.description as string,
        intentType: intent.intentType === 1 ? 1 : 2,
      };
    });
    const reasonMode = def.nodeParam.reasonMode ?? 0;
    const useFunctionCall = def.nodeParam.useFunctionCall !== false;
    const mode: DecisionMode =
      reasonMode === 1 ? 'prompt' : useFunctionCall ? 'function-call' : 'normal';
    let fallbackId: string | undefined;
    try {
      fallbackId = defaultIntent(intents).id;
    } catch {
      fallbackId = undefined;
    }
    return {
      ...compileLlmBase(def),
      intents,
      mode,
      promptPrefix: stringParam(def, 'promptPrefix'),
      questionType: stringParam(def, 'question_type', 'not_knowledge'),
      fallbackId,
    };
  },

  async execute(node: BuiltNode<DecisionParams>, ctx: NodeRunContext): Promise<NodeResult> {
    const params = node.params;
    const inputs = ctx.resolveInputs();
    const inputText = node.inputs.map((input) => pyStr(inputs[input.name])).join('');
    const renderedPrefix =
      params.mode === 'function-call' ? ctx.renderPrompt(params.promptPrefix) : '';
    const history = await historyFor(params, ctx);
    const result = await classifyIntent({
      mode: params.mode,
      intents: params.intents,
      inputText,
      promptPrefix: params.promptPrefix,
      renderedPrefix,
      questionType: params.questionType,
      history: history ?? [],
      provider: ctx.service('llm').provider(params.connection, ctx.system),
      frameTimeoutMs: node.retry.enabled ? node.retry.timeoutMs : undefined,
      signal: ctx.signal,
    });
    if (params.nodeHistory) {
      await appendNodeTurn(ctx, result.query, result.raw);
    }
    const output = node.outputByName.has(CLASS_NAME) ? CLASS_NAME : node.outputs[0]?.name;
    return {
      inputs: history ? { ...inputs, chatHistory: history } : inputs,
      outputs: output ? { [output]: result.className } : {},
      rawOutput: result.raw,
      processData: { query: result.query },
      branchHandle: result.intent.id,
      tokenCost: result.usage,
    };
  },

  traits: {
    errorGroup: 'non-stream',
    branching: () => true,
    fallbackHandle: (params) => params.fallbackId,
    barrier: true,
  },
};

/** v2 request history, else the persisted per-node history (sent to the model, not only shown). */
async function historyFor(params: DecisionParams, ctx: NodeRunContext) {
  if (params.mode === 'function-call') return undefined;
  if (params.historyV2.enabled) {
    const items = trimHistory(
      [...ctx.history],
      params.historyV2.rounds,
      params.connection.maxTokens,
      undefined,
      {
        role: 'user',
        content: '',
      },
    ).filter((item) => item.content_type !== 'image');
    return historyMessages(items);
  }
  if (params.nodeHistory) {
    return loadNodeTurns(ctx, params.connection.maxTokens);
  }
  return undefined;
}

registerExecutor('decision-making', decisionMakingExecutor);
