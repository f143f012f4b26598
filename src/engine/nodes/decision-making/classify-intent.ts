import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { TokenUsage } from '../../runtime/run-frame';
import { parseModelJson } from '../../providers/llm-json';
import type { LlmMessage, LlmProvider } from '../../providers/llm-provider';
import { classificationPrompt, DEFAULT_CATEGORY, Intent, routingPrompt } from './decision-prompts';

export type DecisionMode = 'prompt' | 'normal' | 'function-call';

export interface ClassifyRequest {
  mode: DecisionMode;
  intents: Intent[];
  /** the inputs' `str()` values concatenated in declaration order */
  inputText: string;
  promptPrefix: string;
  /** function-call mode: the prompt prefix rendered with the prompt rule */
  renderedPrefix: string;
  questionType: string;
  /** history messages placed before the user message (prompt and normal modes) */
  history: LlmMessage[];
  provider: LlmProvider;
  frameTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface Classification {
  intent: Intent;
  /** the `class_name` output: the intent's name, or DEFAULT */
  className: string;
  raw: string;
  /** the user message sent (process_data.query, history persistence) */
  query: string;
  usage: TokenUsage;
}

/**
 * Classifies the input into one intent (docs/nodes.md#decision-making). Provider failures fail the node with
 * their own code (the reference swallowed them into the default branch); a reply that names no
 * known intent — or is not the requested JSON — selects the default intent, as specified.
 */
export async function classifyIntent(request: ClassifyRequest): Promise<Classification> {
  if (request.mode === 'function-call') return classifyByFunction(request);
  const query =
    request.mode === 'prompt'
      ? classificationPrompt(request.inputText, request.intents, request.promptPrefix)
      : routingPrompt(request.inputText, request.intents, request.promptPrefix);
  const result = await request.provider.chat({
    messages: [...request.history, { role: 'user', content: query }],
    frameTimeoutMs: request.frameTimeoutMs,
    signal: request.signal,
  });
  const key = request.mode === 'prompt' ? 'category_name' : 'destination';
  const chosen = chosenName(result.content, key);
  const intent = request.intents.find((i) => i.intentType !== 1 && i.name === chosen);
  return intent
    ? { intent, className: intent.name, raw: result.content, query, usage: result.usage }
    : {
        intent: defaultIntent(request.intents),
        className: DEFAULT_CATEGORY,
        raw: result.content,
        query,
        usage: result.usage,
      };
}

async function classifyByFunction(request: ClassifyRequest): Promise<Classification> {
  // the reference sent the bare prefix even when empty; the input is the better question then
  const query = request.renderedPrefix.trim() ? request.renderedPrefix : request.inputText;
  const result = await request.provider.chat({
    messages: [{ role: 'user', content: query }],
    functions: request.intents
      .filter((intent) => intent.intentType !== 1)
      .map((intent) => ({
        name: intent.name,
        description: intent.description,
        parameters: {
          type: 'object',
          properties: { next_inputs: { type: 'string', description: 'user input content' } },
          required: ['next_inputs'],
        },
      })),
    questionType: request.questionType,
    signal: request.signal,
  });
  if (!result.toolCall) throw new AppException(ErrorCode.SPARK_FUNCTION_NOT_CHOICE_ERROR);
  const name = result.toolCall.name;
  const intent = request.intents.find((i) => i.intentType !== 1 && i.name === name);
  return {
    intent: intent ?? defaultIntent(request.intents),
    className: name,
    raw: result.toolCall.arguments,
    query,
    usage: result.usage,
  };
}

function chosenName(reply: string, key: string): string | undefined {
  try {
    const parsed = parseModelJson(reply);
    const value = (parsed as Record<string, unknown> | null)?.[key];
    return typeof value === 'string' ? value.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** The intent of type 1, else the one named "default" (engine fallback, docs/engine.md#choosing-successors). */
export function defaultIntent(intents: Intent[]): Intent {
  const found =
    intents.find((i) => i.intentType === 1) ??
    intents.find((i) => i.name.toLowerCase() === 'default');
  if (!found) {
    throw new AppException(
      ErrorCode.ENG_NODE_PROTOCOL_VALIDATE_ERROR,
      'decision-making has no default intent',
    );
  }
  return found;
}
