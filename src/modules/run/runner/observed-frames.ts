import { canCancelWait, type NodeAttempts, type RunFrame } from '../../../engine';

/** What a run's frames tell, as they pass (synchronous: nothing here may hold a frame up). */
export interface FrameObserver {
  frame(frame: RunFrame): void;
  /** the run raised instead of ending with a frame */
  failed(error: unknown): void;
  /** the frames ran out */
  done(): void;
  /** the consumer gave up on the run (client gone, timeout) */
  returned(): void;
  /** how a node's attempts went, told by the engine before that execution's end or error frame */
  nodeAttempts?(attempts: NodeAttempts): void;
}

/**
 * The run's frame iterator with an observer on the side: call for call like the inner one,
 * `cancelWait` included when it has it (the response writer relies on it), plus one `then`
 * per frame.
 */
export class ObservedFrames implements AsyncIterableIterator<RunFrame> {
  cancelWait?: () => void;
  /** a wait cut short answers done: that is not the end of the run */
  private waitCancelled = false;

  constructor(
    private readonly inner: AsyncIterator<RunFrame>,
    private readonly observer: FrameObserver,
  ) {
    if (canCancelWait(inner)) {
      this.cancelWait = () => {
        this.waitCancelled = true;
        inner.cancelWait();
      };
    }
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<RunFrame> {
    return this;
  }

  next(): Promise<IteratorResult<RunFrame>> {
    return this.inner.next().then(this.seen, this.raised);
  }

  async return(): Promise<IteratorResult<RunFrame>> {
    this.observer.returned();
    return (await this.inner.return?.()) ?? { done: true, value: undefined };
  }

  private readonly seen = (result: IteratorResult<RunFrame>): IteratorResult<RunFrame> => {
    if (!result.done) this.observer.frame(result.value);
    else if (this.waitCancelled) this.waitCancelled = false;
    else this.observer.done();
    return result;
  };

  private readonly raised = (error: unknown): never => {
    this.observer.failed(error);
    throw error;
  };
}
