import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import { parseLazyJsonFence } from '../../providers/llm-json';
import type { LlmProvider } from '../../providers/llm-provider';
import { fixUpRequired, ObjectSchema } from '../../providers/schema-fixup';
import { AskContext, askUser, checkNonResume } from './ask-user';
import type { ReceivedReply } from './interrupt-registry';
import { DialogueTurn, replyExtractionPrompt } from './qa-extraction-prompt';

export interface QaOption {
  /** branch handle `option-one-of::<uuid>` */
  id: string;
  /** "default" or one letter */
  name: string;
  /** 1 = default option, 2 = user option */
  type: number;
  content_type: string;
  /** rendered option text */
  text: string;
}

export interface QaDialogue {
  question: string;
  answerType: 'direct' | 'option';
  options: QaOption[];
  handleResponse: boolean;
  maxRetryCounts: number;
  instruction: string;
  /** the extraction fields: every declared output except the system ones */
  fields: ObjectSchema;
  /** declared defaults of the extraction fields */
  fieldDefaults: Record<string, unknown>;
  /** names of all declared outputs (results are restricted to them) */
  declared: string[];
  /** the extraction model (direct mode with handleResponse) */
  provider?: LlmProvider;
  frameTimeoutMs?: number;
}

export interface QaOutcome {
  outputs: Record<string, unknown>;
  /** chosen option handle (option mode) */
  branch?: string;
  raw?: string;
}

/** The question-answer exchange (docs/nodes.md#question-answer, docs/engine.md#pause-and-resume). */
export async function runQuestionAnswer(dialogue: QaDialogue, ctx: AskContext): Promise<QaOutcome> {
  if (dialogue.answerType === 'option') return askOption(dialogue, ctx);
  const reply = await askUser(ctx, { type: 'direct', content: dialogue.question });
  if (reply.event_type !== 'resume') return ignored(dialogue, ctx, reply);
  if (!dialogue.handleResponse) {
    return { outputs: restrict(dialogue, { query: dialogue.question, content: reply.content }) };
  }
  return extractFromReplies(dialogue, ctx, reply);
}

async function askOption(dialogue: QaDialogue, ctx: AskContext): Promise<QaOutcome> {
  const reply = await askUser(ctx, {
    type: 'option',
    content: dialogue.question,
    option: dialogue.options.map((o) => ({
      id: o.name,
      text: o.text,
      content_type: o.content_type,
    })),
  });
  if (reply.event_type !== 'resume') return ignored(dialogue, ctx, reply);
  // the first option, in list order, that matches the reply or is the default one
  const option = dialogue.options.find((o) => o.name === reply.content || o.type === 1);
  if (!option) {
    throw new AppException(
      ErrorCode.QUESTION_ANSWER_NODE_EXECUTION_ERROR,
      'No matching option and no default option',
    );
  }
  const outputs = restrict(dialogue, {
    query: dialogue.question,
    id: option.name,
    name: option.name,
    type: option.type,
    content_type: option.content_type,
    content: option.text,
  });
  return { outputs, branch: option.id };
}

function ignored(dialogue: QaDialogue, ctx: AskContext, reply: ReceivedReply): QaOutcome {
  checkNonResume(reply, ctx.needReply);
  const outputs: Record<string, unknown> = {
    ...dialogue.fieldDefaults,
    query: dialogue.question,
    content: reply.content,
  };
  if (dialogue.answerType !== 'option') return { outputs: restrict(dialogue, outputs) };
  const fallback = dialogue.options.find((o) => o.type === 1);
  if (!fallback) {
    throw new AppException(
      ErrorCode.QUESTION_ANSWER_NODE_EXECUTION_ERROR,
      'No matching option and no default option',
    );
  }
  return { outputs: restrict(dialogue, { ...outputs, id: 'default' }), branch: fallback.id };
}

interface ExtractionReply {
  content?: unknown;
  completed?: unknown;
  incomplete?: unknown;
}

async function extractFromReplies(
  dialogue: QaDialogue,
  ctx: AskContext,
  first: ReceivedReply,
): Promise<QaOutcome> {
  const history: DialogueTurn[] = [
    { role: 'assistant', content: dialogue.question },
    { role: 'user', content: first.content },
  ];
  let reply = first;
  let attempt = 1;
  for (;;) {
    const latest = reply.content;
    const answer = await ctx.journal.answer(() => askModel(dialogue, history, latest, ctx.signal));
    const incomplete = objectOr(answer.incomplete);
    if (Object.keys(incomplete).length === 0) {
      const completed = objectOr(answer.completed);
      const extracted = Object.fromEntries(
        Object.entries(completed).filter(([name]) => name in dialogue.fields.properties),
      );
      const outputs = fixUpRequired(
        restrict(dialogue, {
          ...dialogue.fieldDefaults,
          ...extracted,
          query: dialogue.question,
          content: reply.content,
        }),
        dialogue.fields,
      );
      return { outputs, raw: JSON.stringify(outputs) };
    }
    if (attempt >= dialogue.maxRetryCounts) {
      throw new AppException(
        ErrorCode.QUESTION_ANSWER_HANDLER_RESPONSE_ERROR,
        'Parameter extraction failed, reached maximum retry count limit',
      );
    }
    const request = typeof answer.content === 'string' ? answer.content : '';
    reply = await askUser(ctx, { type: 'direct', content: request });
    if (reply.event_type !== 'resume') return ignored(dialogue, ctx, reply);
    history.push({ role: 'assistant', content: request }, { role: 'user', content: reply.content });
    attempt = reply.retries + 1;
  }
}

async function askModel(
  dialogue: QaDialogue,
  history: DialogueTurn[],
  latest: string,
  signal: AbortSignal | undefined,
): Promise<ExtractionReply> {
  if (!dialogue.provider) {
    throw new AppException(ErrorCode.QUESTION_ANSWER_NODE_EXECUTION_ERROR, 'No model configured');
  }
  const result = await dialogue.provider.chat({
    messages: [
      {
        role: 'user',
        content: replyExtractionPrompt(history, dialogue.fields, dialogue.instruction, latest),
      },
    ],
    stream: false,
    frameTimeoutMs: dialogue.frameTimeoutMs,
    signal,
  });
  try {
    const parsed = parseLazyJsonFence(result.content);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as ExtractionReply;
  } catch {
    // not JSON: reported below
  }
  throw new AppException(
    ErrorCode.QUESTION_ANSWER_HANDLER_RESPONSE_ERROR,
    'Model output is not a JSON object',
  );
}

function objectOr(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function restrict(dialogue: QaDialogue, values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([name]) => dialogue.declared.includes(name)),
  );
}
