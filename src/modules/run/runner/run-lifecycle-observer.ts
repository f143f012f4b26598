import { ErrorCode } from '../../../core/errors/error-code';
import type { FrameNode, NodeAttempts, RunFrame, TokenUsage } from '../../../engine';
import { runFailureOf } from '../stream/error-frames';
import { FLOW_NODE_ID, hasText, isInterrupt, isTerminal } from '../stream/frame-kind';
import type { FrameObserver } from './observed-frames';

/** How a run ended for those who watch it. */
export interface RunEnding {
  outcome: 'succeeded' | 'failed' | 'cancelled';
  /** the stop frame's or the raised error's code; none when its consumer gave up */
  code: number | undefined;
  message: string;
  /** the flow's own total, from its stop frame */
  usage?: TokenUsage;
  /** it ended while waiting for an answer (paused), not while executing */
  fromPause: boolean;
}

/**
 * Reads one run's frames for what its watchers (metrics and spans, run records) want to know:
 * its nodes starting and ending, its pauses and resumes, and its one end, whether a stop frame,
 * a raised error, frames running out or the consumer giving up. The subclasses say what each
 * means to them; a failure of theirs is reported, never thrown into the run.
 */
export abstract class RunLifecycleObserver implements FrameObserver {
  private state: 'running' | 'paused' | 'over' = 'running';
  /**
   * The engine's attempt reports whose end frame has not passed yet, per node id, oldest first:
   * it reports just before emitting the frame, and an iteration body runs a node once per element.
   */
  private readonly pendingAttempts = new Map<string, NodeAttempts[]>();

  constructor(private readonly onError: (error: unknown) => void) {}

  frame(frame: RunFrame): void {
    this.safely(() => {
      if (this.state === 'over') return;
      if (this.state === 'paused') {
        // the answer came: the run executes again
        this.state = 'running';
        this.resumed();
      }
      if (hasText(frame)) this.textStreamed();
      const node = frame.workflow_step?.node;
      if (node && node.id !== FLOW_NODE_ID) {
        // a node's frames without a finish reason are its start frame or streamed chunks
        if (node.finish_reason === undefined) this.nodeStarted(node);
        else if (node.finish_reason === 'stop') {
          this.nodeEnded(node, frame, this.takeAttempts(node.id));
        }
      }
      if (!isTerminal(frame)) return;
      if (isInterrupt(frame)) {
        this.state = 'paused';
        this.paused();
      } else {
        const outcome = frame.code === 0 ? 'succeeded' : 'failed';
        this.end({ outcome, code: frame.code, message: frame.message, usage: frame.usage });
      }
    });
  }

  nodeAttempts(attempts: NodeAttempts): void {
    this.safely(() => {
      if (this.state === 'over') return;
      const pending = this.pendingAttempts.get(attempts.nodeId);
      if (pending) pending.push(attempts);
      else this.pendingAttempts.set(attempts.nodeId, [attempts]);
    });
  }

  failed(error: unknown): void {
    this.safely(() => {
      const failure = runFailureOf(error);
      this.end({ outcome: 'failed', code: failure.code, message: failure.message });
    });
  }

  done(): void {
    // frames ran out without a terminal frame: the client got 20805
    const { code } = ErrorCode.OPEN_API_ERROR;
    this.safely(() => this.end({ outcome: 'failed', code, message: 'run ended without a stop' }));
  }

  returned(): void {
    const message = 'abandoned by its consumer';
    this.safely(() => this.end({ outcome: 'cancelled', code: undefined, message }));
  }

  /** A node's start frame, or a chunk it streamed (`finish_reason` not set yet). */
  protected abstract nodeStarted(node: FrameNode): void;
  /**
   * A node's end frame (`finish_reason` `stop`); `frame.code` says whether it failed. `attempts`:
   * how its attempts went, for a node with error handling on (retries are not in frames).
   */
  protected abstract nodeEnded(
    node: FrameNode,
    frame: RunFrame,
    attempts: NodeAttempts | undefined,
  ): void;
  /** The run stopped at an interrupt to wait for an answer. */
  protected abstract paused(): void;
  /** A frame came after a pause: the answer arrived. */
  protected abstract resumed(): void;
  /** The run's one end; nothing of the run is read after it. */
  protected abstract ended(ending: RunEnding): void;

  /** A frame carried answer text (content or reasoning). */
  protected textStreamed(): void {}

  private takeAttempts(nodeId: string): NodeAttempts | undefined {
    const pending = this.pendingAttempts.get(nodeId);
    const attempts = pending?.shift();
    if (pending?.length === 0) this.pendingAttempts.delete(nodeId);
    return attempts;
  }

  private end(ending: Omit<RunEnding, 'fromPause'>): void {
    if (this.state === 'over') return;
    const fromPause = this.state === 'paused';
    this.state = 'over';
    this.pendingAttempts.clear();
    this.ended({ ...ending, fromPause });
  }

  /** A watcher never breaks a run: its failure is reported and the frame goes on. */
  protected safely(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.onError(error);
    }
  }
}
