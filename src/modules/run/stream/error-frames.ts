import { AppException } from '../../../core/errors/app.exception';
import { ErrorCode, ErrorCodeEntry } from '../../../core/errors/error-code';
import { RunFrame, ZERO_USAGE } from '../../../engine';

// Error frames (docs/api.md#errors-during-a-run). Both are terminal (`finish_reason: "stop"`), zero usage.

function emptyStopChoice(): RunFrame['choices'] {
  return [
    {
      delta: { role: 'assistant', content: '', reasoning_content: '' },
      index: 0,
      finish_reason: 'stop',
    },
  ];
}

/** The workflow error end frame (debug shape: `workflow_step` with seq 0, progress 1). */
export function runFailureFrame(code: number, message: string): RunFrame {
  return {
    code,
    message,
    workflow_step: { seq: 0, progress: 1 },
    choices: emptyStopChoice(),
    usage: { ...ZERO_USAGE },
  };
}

/** A failure on the service side of the stream (timeout, unexpected): no `workflow_step`. */
export function streamFailureFrame(code: number, message: string): RunFrame {
  return { code, message, choices: emptyStopChoice(), usage: { ...ZERO_USAGE } };
}

export function streamFailureFrameOf(entry: ErrorCodeEntry): RunFrame {
  return streamFailureFrame(entry.code, entry.message);
}

/**
 * What a run that raised reports (docs/engine.md#attempt-loop): a domain error keeps its code and
 * message, anything else is 20100 with the raw text.
 */
export function runFailureOf(error: unknown): RunFrame {
  if (error instanceof AppException) return runFailureFrame(error.code, error.message);
  const text = error instanceof Error ? error.message : String(error);
  return runFailureFrame(ErrorCode.PROTOCOL_VALIDATION_ERROR.code, text || 'unknown error');
}
