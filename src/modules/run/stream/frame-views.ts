import type { FrameChoice, RunFrame } from '../../../engine';
import type { RunView } from '../run-view';
import { streamFailureFrame } from './error-frames';
import {
  FLOW_NODE_ID,
  hasText,
  isInterrupt,
  isReleaseSource,
  isRunFailure,
  isTerminal,
  nodeIdOf,
} from './frame-kind';

// Views over the frames of one run (docs/api.md#streaming). A view is fed every run frame in
// order and answers the frame to emit, or null to emit nothing. Views are per HTTP response
// (fresh counters and buffers; a resume response gets a new one).

export interface FrameView {
  accept(frame: RunFrame): RunFrame | null;
}

/** stream=true: release filtering/renumbering, or debug passthrough; stream=false: aggregate. */
export function createFrameView(view: RunView, stream: boolean): FrameView {
  if (!stream) return new AggregateView(); // docs/decisions.md#q3: debug aggregates like release
  return view === 'release' ? new ReleaseStreamView() : DEBUG_VIEW;
}

/** Debug mode: every frame as produced (docs/api.md#debug-view). */
const DEBUG_VIEW: FrameView = { accept: (frame) => frame };

/** Progress in release streams: 2 decimals (decimal rounding of the exact binary value). */
export function roundProgress(progress: number): number {
  return Number(progress.toFixed(2));
}

function releaseChoice(frame: RunFrame, delta: FrameChoice['delta']): [FrameChoice] {
  const reason = frame.choices[0].finish_reason;
  return [reason ? { delta, index: 0, finish_reason: reason } : { delta, index: 0 }];
}

function withTail(frame: RunFrame, out: RunFrame): RunFrame {
  if (frame.usage) out.usage = frame.usage;
  if (frame.event_data) out.event_data = frame.event_data;
  return out;
}

const EMPTY_DELTA: FrameChoice['delta'] = Object.freeze({
  role: 'assistant',
  content: '',
  reasoning_content: '',
}) as FrameChoice['delta'];

/**
 * Release streaming (docs/api.md#release-view): keep flow and output-node frames with text or a
 * terminal reason, number them 1, 2, …, round progress and never let it go back, strip node
 * info. A run failure is forwarded at once in the stream-failure shape (docs/decisions.md#q1).
 */
export class ReleaseStreamView implements FrameView {
  private seq = 0;
  private progress = 0;

  accept(frame: RunFrame): RunFrame | null {
    if (isRunFailure(frame)) return streamFailureFrame(frame.code, frame.message);
    if (!isReleaseSource(frame)) return null;
    if (!hasText(frame) && !isTerminal(frame)) return null;
    this.seq += 1;
    this.progress = Math.max(this.progress, roundProgress(frame.workflow_step?.progress ?? 0));
    const delta = nodeIdOf(frame) === FLOW_NODE_ID ? EMPTY_DELTA : frame.choices[0].delta;
    return withTail(frame, {
      code: frame.code,
      message: frame.message,
      workflow_step: { seq: this.seq, progress: this.progress },
      choices: releaseChoice(frame, delta),
    });
  }
}

/**
 * Non-streaming (docs/api.md#non-streaming-response): output-node text is buffered and delivered on the flow's stop frame;
 * an interrupt or a failure is answered as it comes. No `workflow_step`, no node info.
 */
export class AggregateView implements FrameView {
  private content = '';
  private reasoning = '';

  accept(frame: RunFrame): RunFrame | null {
    if (isRunFailure(frame)) return streamFailureFrame(frame.code, frame.message);
    if (!isReleaseSource(frame)) return null;
    if (isInterrupt(frame)) {
      return withTail(frame, {
        code: frame.code,
        message: frame.message,
        choices: releaseChoice(frame, frame.choices[0].delta),
      });
    }
    if (isTerminal(frame) && nodeIdOf(frame) === FLOW_NODE_ID) {
      const delta: FrameChoice['delta'] = {
        role: 'assistant',
        content: this.content,
        reasoning_content: this.reasoning,
      };
      return withTail(frame, {
        code: frame.code,
        message: frame.message,
        choices: releaseChoice(frame, delta),
      });
    }
    this.content += frame.choices[0].delta.content;
    this.reasoning += frame.choices[0].delta.reasoning_content;
    return null;
  }
}
