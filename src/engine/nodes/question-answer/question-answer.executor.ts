import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { BuiltNode } from '../../dsl/built-workflow';
import type { NodeDefinition } from '../../dsl/dsl.types';
import type { NodeResult } from '../../runtime/node-result';
import type { NodeRunContext } from '../../runtime/run-context';
import {
  compileLlmBase,
  intParam,
  invalid,
  LlmBaseParams,
  stringParam,
} from '../../providers/llm-node-params';
import '../../providers/llm-services';
import { NodeExecutor, registerExecutor } from '../../runtime/node-executor';
import { declaredDefault } from '../spark-llm/llm-outputs';
import { schemaOfOutputs } from '../extractor-parameter/extractor-parameter.executor';
import type { InterruptRegistry } from './interrupt-registry';
import { DialogueJournal } from './dialogue-journal';
import { QaOption, runQuestionAnswer } from './question-answer-dialogue';

declare module '../../runtime/engine-services' {
  interface EngineServices {
    /** the run/event registry: pause, reply queues (src/modules/run) */
    interrupts: InterruptRegistry;
  }
}

interface OptionTemplate extends Omit<QaOption, 'text'> {
  content: string;
}

export interface QuestionAnswerParams {
  question: string;
  answerType: 'direct' | 'option';
  timeoutSec: number;
  needReply: boolean;
  handleResponse: boolean;
  maxRetryCounts: number;
  options: OptionTemplate[];
  instruction: string;
  /** the extraction model, only when direct answers are handled by an LLM */
  llm?: LlmBaseParams;
}

const SYSTEM_OUTPUTS = new Set(['query', 'content', 'id']);

/**
 * `question-answer::` (docs/nodes.md#question-answer): pauses the run to ask the user, resumes with the reply
 * (from `/resume`, on any instance), optionally extracting fields with an LLM and asking again.
 */
export const questionAnswerExecutor: NodeExecutor<QuestionAnswerParams> = {
  compile(def: NodeDefinition): QuestionAnswerParams {
    const p = def.nodeParam;
    if (typeof p.question !== 'string') throw invalid(def, 'question is required');
    if (p.answerType !== 'direct' && p.answerType !== 'option') {
      throw invalid(def, 'answerType must be "direct" or "option"');
    }
    const direct = (p.directAnswer ?? {}) as Record<string, unknown>;
    const handleResponse = p.answerType === 'direct' && direct.handleResponse === true;
    const retries = direct.maxRetryCounts ?? 2;
    if (typeof retries !== 'number' || !Number.isInteger(retries) || retries < 1 || retries > 5) {
      throw invalid(def, 'directAnswer.maxRetryCounts must be an integer in [1, 5]');
    }
    const options = p.answerType === 'option' ? compileOptions(def) : [];
    if (options.filter((o) => o.type === 1).length > 1) {
      throw new AppException(
        ErrorCode.ENG_PROTOCOL_VALIDATE_ERROR,
        'Invalid default option branch configuration',
      );
    }
    return {
      question: p.question,
      answerType: p.answerType,
      timeoutSec: intParam(def, 'timeout', 3, 1, 5) * 60,
      needReply: p.needReply === true,
      handleResponse,
      maxRetryCounts: retries,
      options,
      instruction: stringParam(def, 'instruction'),
      llm: handleResponse ? compileLlmBase(def) : undefined,
    };
  },

  execute(node: BuiltNode<QuestionAnswerParams>, ctx: NodeRunContext): Promise<NodeResult> {
    return ctx.withQuestionLock(async () => {
      const params = node.params;
      const inputs = ctx.resolveInputs();
      const question = ctx.renderDisplay(params.question);
      const fields = schemaOfOutputs(node.outputs.filter((o) => !SYSTEM_OUTPUTS.has(o.name)));
      const registry = ctx.service('interrupts');
      const journal = new DialogueJournal(ctx.resumeState, (state) => ctx.setWaitState(state));
      // a node restored from a snapshot already announced itself
      if (!journal.resumed) ctx.emitNodeStart();
      try {
        const outcome = await runQuestionAnswer(
          {
            question,
            answerType: params.answerType,
            options: params.options.map(({ content, ...option }) => ({
              ...option,
              text: ctx.renderDisplay(content),
            })),
            handleResponse: params.handleResponse,
            maxRetryCounts: params.maxRetryCounts,
            instruction: params.instruction,
            fields,
            fieldDefaults: Object.fromEntries(
              Object.keys(fields.properties).map((name) => [
                name,
                declaredDefault(node.outputByName.get(name)!),
              ]),
            ),
            declared: node.outputs.map((o) => o.name),
            provider: params.llm
              ? ctx.service('llm').provider(params.llm.connection, ctx.system)
              : undefined,
          },
          {
            registry,
            eventId: ctx.system.eventId,
            nodeId: node.id,
            timeoutSec: params.timeoutSec,
            needReply: params.needReply,
            emitInterrupt: (data) => ctx.emitInterrupt(data),
            journal,
            signal: ctx.signal,
          },
        );
        return {
          inputs,
          outputs: outcome.outputs,
          branchHandle: outcome.branch,
          rawOutput: outcome.raw,
        };
      } finally {
        await registry.clearInterruptNode(ctx.system.eventId);
      }
    });
  },

  traits: {
    branching: (params) => params.answerType === 'option',
    barrier: true,
  },
};

function compileOptions(def: NodeDefinition): OptionTemplate[] {
  const raw = def.nodeParam.optionAnswer ?? [];
  if (!Array.isArray(raw)) throw invalid(def, 'optionAnswer must be a list');
  return raw.map((item: unknown, i) => {
    const option = (item ?? {}) as Record<string, unknown>;
    if (typeof option.id !== 'string' || typeof option.name !== 'string') {
      throw invalid(def, `optionAnswer[${i}] needs an id and a name`);
    }
    return {
      id: option.id,
      name: option.name,
      type: option.type === 1 ? 1 : 2,
      content_type: typeof option.content_type === 'string' ? option.content_type : 'string',
      content: typeof option.content === 'string' ? option.content : '',
    };
  });
}

registerExecutor('question-answer', questionAnswerExecutor);
