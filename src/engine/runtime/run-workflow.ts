import { AppException, isAppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';
import type { BuiltWorkflow } from '../dsl/built-workflow';
import { VariablePool } from '../variables/variable-pool';
import { elapsedSeconds, flowEndFrame, flowStartFrame, runErrorFrame } from './frames';
import { RunShared, type RunInput } from './run-shared';
import type { RunFrame } from './run-frame';
import { DONE, type CancellableWait } from './iterator-protocol';
import { ScopeRun } from './scope-run';
import type { RunSnapshot } from './snapshot';

// Running a compiled workflow (docs/engine.md#scheduling, docs/engine.md#run-frames, docs/engine.md#run-sequence): flow start frame, the main
// graph, then the flow end frame — or, on the first failure, the run-error frame at once.
// The stream simply ends when the caller's signal aborts the run.

export interface WorkflowRun {
  /** the frames, debug view (docs/api.md#frame-kinds); the run starts when iteration starts */
  readonly frames: AsyncIterable<RunFrame>;
  /** JSON state of the run now (meaningful while a node waits for external input) */
  snapshot(): RunSnapshot;
}

export function startWorkflow(workflow: BuiltWorkflow, input: RunInput): WorkflowRun {
  const shared = new RunShared(workflow, input);
  const resume = input.resumeFrom;
  const pool = VariablePool.create(workflow, resume?.pool);
  const parameters = resume?.parameters ?? input.parameters ?? {};
  const main = new ScopeRun(shared, workflow.main, pool, shared.signal, parameters);
  if (resume) main.restore(resume);
  shared.mainState = main.state;
  shared.snapshotter = () => main.snapshot();
  return {
    frames: drive(shared, main, resume !== undefined),
    snapshot: () => main.snapshot(),
  };
}

/** Runs a compiled workflow; yields its frames. */
export function runWorkflow(workflow: BuiltWorkflow, input: RunInput): AsyncIterable<RunFrame> {
  return startWorkflow(workflow, input).frames;
}

/**
 * The run's frames straight from its channel (no generator layer per frame). The run starts on
 * the first `next()`; `return()` before the end cancels what is still pending and resolves
 * once the run has wound down.
 */
class RunFrames implements AsyncIterableIterator<RunFrame>, CancellableWait {
  private execution?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly shared: RunShared,
    private readonly main: ScopeRun,
    private readonly resumed: boolean,
  ) {}

  [Symbol.asyncIterator](): AsyncIterableIterator<RunFrame> {
    return this;
  }

  next(): Promise<IteratorResult<RunFrame>> {
    if (this.stopped) return Promise.resolve(DONE);
    this.execution ??= execute(this.shared, this.main, this.resumed);
    return this.shared.channel.next();
  }

  cancelWait(): void {
    this.shared.channel.cancelWait();
  }

  async return(): Promise<IteratorResult<RunFrame>> {
    if (this.stopped) return DONE;
    this.stopped = true;
    if (!this.execution) return DONE;
    // the consumer stopped early (client gone): cancel everything still pending
    const { channel, controller } = this.shared;
    if (!channel.isClosed) controller.abort(new Error('run consumer stopped'));
    await this.execution;
    return DONE;
  }
}

function drive(
  shared: RunShared,
  main: ScopeRun,
  resumed: boolean,
): AsyncIterableIterator<RunFrame> {
  return new RunFrames(shared, main, resumed);
}

async function execute(shared: RunShared, main: ScopeRun, resumed: boolean): Promise<void> {
  try {
    if (!resumed) shared.emit(flowStartFrame());
    const end = await main.run();
    if (shared.signal.aborted) return;
    if (!end) throw new AppException(ErrorCode.ENG_RUN_ERROR, 'End node did not return result');
    shared.emit(flowEndFrame(shared.usage, elapsedSeconds(shared.startedAt, shared.now())));
  } catch (error) {
    if (!shared.signal.aborted || isAppException(error)) {
      const failure = asRunError(error);
      if (!(shared.input.signal?.aborted ?? false)) {
        shared.emit(runErrorFrame(failure.code, failure.message));
      }
    }
  } finally {
    shared.controller.abort(new Error('run finished'));
    shared.channel.close();
  }
}

/** A domain error keeps its code and message; anything else is 20100 with the raw text. */
function asRunError(error: unknown): AppException {
  if (isAppException(error)) return error;
  const text = error instanceof Error ? error.message : String(error);
  return AppException.raw(ErrorCode.PROTOCOL_VALIDATION_ERROR.code, text || 'unknown error');
}
