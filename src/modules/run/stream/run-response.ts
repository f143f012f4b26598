import type { ServerResponse } from 'node:http';
import { ErrorCode } from '../../../core/errors/error-code';
import { canCancelWait, type ChunkObject, type RunFrame } from '../../../engine';
import { stampFrame } from './chunk-json';
import { runFailureOf, streamFailureFrameOf } from './error-frames';
import { isInterrupt, isTerminal } from './frame-kind';
import type { RunView } from '../run-view';
import { createFrameView } from './frame-views';
import { ChunkSink, JsonSink, SseSink } from './sse-writer';

/** Longest wait for the next run frame before the 20804 timeout frame (docs/api.md#release-view). */
export const FRAME_WAIT_MS = 120_000;

export type RunOutcome = 'stop' | 'interrupt' | 'timeout' | 'disconnected' | 'incomplete';

export interface RunResponseHooks {
  /**
   * The stop frame (normal or error end) was written: e.g. delete the run event. The response
   * ends once this has settled.
   */
  onStop?(chunk: ChunkObject): void | Promise<void>;
  /**
   * The interrupt frame is about to be written: settles once the paused run can be resumed
   * (its checkpoint is committed), so a client never holds a pause that a crash could lose.
   * A rejection ends the run with its error frame instead of the interrupt.
   */
  beforeInterrupt?(): void | Promise<void>;
  /**
   * The interrupt frame was written and the response ended; `rest` yields the remaining frames
   * of the paused run (forward them to the resume queue). Without this hook the run is aborted.
   */
  onInterrupt?(chunk: ChunkObject, rest: AsyncIterator<RunFrame>): void | Promise<void>;
}

export interface RunResponseOptions {
  frames: AsyncIterable<RunFrame>;
  view: RunView;
  /** the run's `stream` flag: frame by frame, or one aggregated frame */
  stream: boolean;
  /** defaults to SSE when streaming, JSON otherwise (resume answers SSE either way) */
  transport?: 'sse' | 'json';
  sid: string;
  res: ServerResponse;
  /** aborted when the client goes away or the response gives up, unless the run is paused */
  abort?: AbortController;
  frameWaitMs?: number;
  hooks?: RunResponseHooks;
  /** the app may not pause (platform audit policy): an interrupt ends the run with 21104 */
  refuseInterrupt?: boolean;
}

/** The abort reason of a run whose response ended before the run did. */
export class RunAbandoned extends Error {
  constructor(readonly outcome: RunOutcome) {
    super(`run response ended: ${outcome}`);
    this.name = 'RunAbandoned';
  }
}

const CLOSED = Symbol('closed');
const TIMED_OUT = Symbol('timed-out');
type Stop = typeof CLOSED | typeof TIMED_OUT;

/**
 * Pumps one run into one HTTP response through a view (release/debug, stream/aggregate).
 * Ends the response right after the terminal frame; a run that raises becomes its failure frame;
 * no frame within `frameWaitMs` → 20804. A client that disconnects aborts the run unless it is
 * paused at an interrupt.
 */
export async function writeRunResponse(options: RunResponseOptions): Promise<RunOutcome> {
  const { res, sid, abort, hooks } = options;
  const transport = options.transport ?? (options.stream ? 'sse' : 'json');
  const sink: ChunkSink = transport === 'sse' ? new SseSink(res) : new JsonSink(res);
  const view = createFrameView(options.view, options.stream);
  const frames = options.frames[Symbol.asyncIterator]();
  let paused = false;
  let settled = false;

  // the next frame or a stop, whichever comes first. The run's own frames can cut a wait short
  // (`cancelWait`), so a stop ends the wait and a frame costs no extra promise; other sources
  // get a per-frame race (unlike Promise.race with one long-lived `stopped` promise, no
  // reaction piles up per frame)
  let stop: Stop | undefined;
  let interrupt: ((stop: Stop) => void) | null = null;
  const cancellable = canCancelWait(frames);
  const signalStop = (reason: Stop) => {
    stop ??= reason;
    if (cancellable) frames.cancelWait();
    else interrupt?.(reason);
  };
  const nextOrStop = (): Promise<IteratorResult<RunFrame> | Stop> => {
    if (stop !== undefined) return Promise.resolve(stop);
    if (cancellable) return frames.next(); // a wait cut short answers done (see below)
    return new Promise((resolve, reject) => {
      interrupt = resolve;
      frames.next().then(resolve, reject);
    });
  };
  const onClose = () => signalStop(CLOSED);
  res.on('close', onClose);
  const timer = setTimeout(() => signalStop(TIMED_OUT), options.frameWaitMs ?? FRAME_WAIT_MS);

  const finish = (outcome: RunOutcome): RunOutcome => {
    settled = true;
    clearTimeout(timer);
    res.off('close', onClose);
    // a run that delivered its stop frame is over; anything else still running is cancelled
    // unless it is paused for /resume
    if (!paused) {
      if (outcome !== 'stop') abort?.abort(new RunAbandoned(outcome));
      void frames.return?.().catch(() => undefined);
    }
    sink.end();
    return outcome;
  };

  try {
    for (;;) {
      let frame: RunFrame;
      try {
        let next = await nextOrStop();
        interrupt = null;
        // done while a stop was signalled: the wait was cut short, the stop is what happened
        if (typeof next !== 'symbol' && next.done && stop !== undefined) next = stop;
        if (next === CLOSED) return finish('disconnected');
        if (next === TIMED_OUT) {
          await sink.write(
            stampFrame(streamFailureFrameOf(ErrorCode.OPEN_API_STREAM_QUEUE_TIMEOUT_ERROR), sid),
          );
          return finish('timeout');
        }
        if (next.done) {
          await sink.write(stampFrame(streamFailureFrameOf(ErrorCode.OPEN_API_ERROR), sid));
          return finish('incomplete');
        }
        frame = next.value;
      } catch (error) {
        frame = runFailureOf(error);
      }
      timer.refresh();
      const out = view.accept(frame);
      const chunk = out ? stampFrame(out, sid) : undefined;
      if (!isTerminal(frame)) {
        if (chunk) {
          // most writes complete at once: await only when the socket pushes back
          const pending = sink.write(chunk);
          if (pending) await pending;
        }
        continue;
      }
      if (isInterrupt(frame) && options.refuseInterrupt) {
        await sink.write(stampFrame(streamFailureFrameOf(ErrorCode.AUDIT_QA_ERROR), sid));
        return finish('incomplete');
      }
      if (isInterrupt(frame) && hooks?.beforeInterrupt) {
        try {
          await hooks.beforeInterrupt();
        } catch (error) {
          const failure = view.accept(runFailureOf(error));
          if (failure) await sink.write(stampFrame(failure, sid));
          return finish('incomplete');
        }
      }
      if (isInterrupt(frame) && hooks?.onInterrupt) paused = true;
      if (chunk) await sink.write(chunk);
      if (isInterrupt(frame)) {
        const outcome = finish('interrupt');
        if (chunk) await hooks?.onInterrupt?.(chunk, frames);
        return outcome;
      }
      // the run is over: its event and checkpoint go before the response ends, so a client
      // that has seen the end of the stream never finds them (nor resumes the run again)
      try {
        if (chunk) await hooks?.onStop?.(chunk);
      } finally {
        finish('stop');
      }
      return 'stop';
    }
  } catch (error) {
    // a failure of the service side of the stream (serialisation, hooks): 20805, then end
    if (!settled) {
      await sink.write(stampFrame(streamFailureFrameOf(ErrorCode.OPEN_API_ERROR), sid));
      finish('incomplete');
    }
    throw error;
  }
}
