import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { StreamChunk } from '../../runtime/node-result';
import { ZERO_USAGE, type InterruptEventData, type TokenUsage } from '../../runtime/run-frame';
import type { SubflowFrame } from './flow-services';

export interface SubflowReply {
  content: string;
  reasoningContent: string;
  usage: TokenUsage;
}

export interface ReplyOptions {
  /** prompt mode: hand every frame to the parent's output nodes */
  push?: (chunk: StreamChunk) => void;
  /** per-frame wait limit (retryConfig.timeout when shouldRetry); none while paused */
  frameTimeoutMs?: number;
  /**
   * Relays a question of the sub-flow to the parent's client (the run pauses); without it a
   * question fails the node. `onAnswered` follows with the next frame after the reply.
   */
  questions?: {
    onQuestion: (eventData: InterruptEventData) => void | Promise<void>;
    onAnswered: () => void;
  };
}

/**
 * Reads a sub-flow's answer frames as the reference does (docs/nodes.md#flow): a non-zero
 * code fails with 22801 and the frame's message, empty choices stop, content and reasoning are
 * concatenated, the stop frame carries the usage. An interrupt (a question of the sub-flow) is
 * relayed through `questions` when the sub-flow runs in this process, else refused (22801).
 */
export async function readSubflowReply(
  frames: AsyncIterable<SubflowFrame>,
  options: ReplyOptions = {},
): Promise<SubflowReply> {
  const reply: SubflowReply = { content: '', reasoningContent: '', usage: { ...ZERO_USAGE } };
  const iterator = frames[Symbol.asyncIterator]();
  let done = false;
  let paused = false;
  try {
    for (;;) {
      // a paused sub-flow waits for the user, as long as its question allows
      const next = await nextWithin(iterator, paused ? undefined : options.frameTimeoutMs);
      if (next.done) {
        done = true;
        break;
      }
      const frame = next.value;
      if (paused) {
        paused = false;
        options.questions?.onAnswered();
      }
      if (frame.code !== 0) {
        throw new AppException(ErrorCode.WORKFLOW_EXECUTION_ERROR, frame.message ?? '');
      }
      const choice = frame.choices?.[0];
      if (!choice) break;
      if (frame.event_data !== undefined || choice.finish_reason === 'interrupt') {
        if (!options.questions || !isInterruptData(frame.event_data)) {
          throw new AppException(ErrorCode.WORKFLOW_EXECUTION_ERROR, QUESTION_REFUSED);
        }
        await options.questions.onQuestion(frame.event_data);
        paused = true;
        continue;
      }
      const content = choice.delta?.content ?? '';
      const reasoning = choice.delta?.reasoning_content ?? '';
      reply.content += content;
      reply.reasoningContent += reasoning;
      const stop = choice.finish_reason === 'stop';
      options.push?.({ content, reasoningContent: reasoning, end: stop });
      if (stop) {
        if (frame.usage) reply.usage = { ...ZERO_USAGE, ...frame.usage };
        break;
      }
    }
  } finally {
    // stop the producer (in-process run or HTTP body) when we leave early
    if (!done) void iterator.return?.().catch(() => undefined);
  }
  return reply;
}

export const QUESTION_REFUSED = 'a remote sub-flow cannot ask questions (question-answer node)';

function isInterruptData(value: unknown): value is InterruptEventData {
  const data = value as InterruptEventData | null | undefined;
  return (
    !!data &&
    data.event_type === 'interrupt' &&
    typeof data.event_id === 'string' &&
    typeof data.value === 'object' &&
    data.value !== null
  );
}

async function nextWithin<T>(
  iterator: AsyncIterator<T>,
  timeoutMs: number | undefined,
): Promise<IteratorResult<T>> {
  if (!timeoutMs) return iterator.next();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AppException(
            ErrorCode.WORKFLOW_EXECUTION_ERROR,
            `Flow node response timeout (${timeoutMs / 1000}s)`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([iterator.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
