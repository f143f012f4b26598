import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { InterruptEventData } from '../../runtime/run-frame';
import type { DialogueJournal } from './dialogue-journal';
import type { InterruptRegistry, ReceivedReply } from './interrupt-registry';

// One question to the user (docs/engine.md#the-pause): mark the event paused at this node, save the wait
// state (the run's snapshot), emit the interrupt frame, wait for the reply pushed by /resume
// (any instance), up to the timeout.

export interface AskContext {
  registry: InterruptRegistry;
  eventId: string;
  nodeId: string;
  timeoutSec: number;
  needReply: boolean;
  /** emits the interrupt frame of this node */
  emitInterrupt: (data: InterruptEventData) => void | Promise<void>;
  /** recorded replies/answers: a node restored from a snapshot replays instead of asking */
  journal: DialogueJournal;
  signal?: AbortSignal;
}

export function askUser(
  ctx: AskContext,
  value: InterruptEventData['value'],
): Promise<ReceivedReply> {
  return ctx.journal.reply(async (alreadyEmitted) => {
    if (!ctx.eventId) {
      throw new AppException(ErrorCode.EVENT_REGISTRY_NOT_FOUND_ERROR, 'The run has no event');
    }
    if (!alreadyEmitted) {
      await ctx.registry.pauseAt(ctx.eventId, ctx.nodeId, ctx.timeoutSec);
      // the snapshot is taken before the frame exists: the host commits it before the frame
      // reaches the client, so every pause a client sees can be continued after a crash
      ctx.journal.waiting();
      await ctx.emitInterrupt({
        event_id: ctx.eventId,
        event_type: 'interrupt',
        need_reply: ctx.needReply,
        value,
      });
    } else {
      ctx.journal.waiting();
    }
    const reply = await ctx.registry.waitReply(
      ctx.eventId,
      ctx.nodeId,
      ctx.timeoutSec * 1000,
      ctx.signal,
    );
    if (!reply) {
      throw new AppException(
        ErrorCode.EVENT_REGISTRY_NOT_FOUND_ERROR,
        'Timeout while waiting for user response',
      );
    }
    return reply;
  });
}

/** ignore / abort / unknown event types (docs/engine.md#resuming); returns for an allowed ignore. */
export function checkNonResume(reply: ReceivedReply, needReply: boolean): void {
  if (reply.event_type === 'ignore') {
    if (!needReply) return;
    throw new AppException(
      ErrorCode.QUESTION_ANSWER_RESUME_DATA_ERROR,
      'Received ignore instruction, but workflow does not support ignore',
    );
  }
  if (reply.event_type === 'abort') {
    throw new AppException(
      ErrorCode.QUESTION_ANSWER_RESUME_DATA_ERROR,
      'Received abort instruction',
    );
  }
  throw new AppException(
    ErrorCode.QUESTION_ANSWER_RESUME_DATA_ERROR,
    `Abnormal event type: ${reply.event_type}`,
  );
}
