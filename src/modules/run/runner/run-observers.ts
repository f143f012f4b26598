import type { NodeAttemptsListener, RunFrame } from '../../../engine';
import type { RunView } from '../run-view';
import { ObservedFrames, type FrameObserver } from './observed-frames';

/** Who a run is, for those who watch it. */
export interface RunInfo {
  mode: RunView;
  flowId: string;
  appId: string;
  eventId: string;
}

/** What the observers of a run know of it besides its frames. */
export interface ObservedRun extends RunInfo {
  /** the sid of the request that started it (the frames' `id`), when there is one */
  sid?: string;
  uid: string;
  chatId: string;
  /** the requested version label, `""` for the latest */
  version: string;
  /** the run that started this one (an in-process sub-flow's parent run) */
  parentRunId?: string;
}

/** Something that watches runs (metrics and spans, run records): one observer per run, or none. */
export interface RunWatcher {
  observer(run: ObservedRun): FrameObserver | undefined;
}

/**
 * The metrics and traces watcher, provided by the metrics module when it is loaded (it imports
 * the run feature, not the other way round).
 */
export const METRICS_WATCHER = Symbol('METRICS_WATCHER');

/** One observer for every watcher's observer of the run, or none when no watcher watches it. */
export function runObserver(
  run: ObservedRun,
  watchers: readonly (RunWatcher | undefined)[],
): FrameObserver | undefined {
  const observers = watchers.flatMap((watcher) => watcher?.observer(run) ?? []);
  if (observers.length <= 1) return observers[0];
  return allOf(observers);
}

/** The run's frames with its observer on the side (the frames as they are if none). */
export function observed(
  frames: AsyncIterable<RunFrame>,
  observer: FrameObserver | undefined,
): AsyncIterable<RunFrame> {
  return observer ? new ObservedFrames(frames[Symbol.asyncIterator](), observer) : frames;
}

/**
 * What the engine tells the observer beside the frames (RunInput.onNodeAttempts), when it
 * listens: absent otherwise, so the engine does not even build the reports.
 */
export function attemptsListener(
  observer: FrameObserver | undefined,
): NodeAttemptsListener | undefined {
  return observer?.nodeAttempts ? (attempts) => observer.nodeAttempts?.(attempts) : undefined;
}

function allOf(observers: FrameObserver[]): FrameObserver {
  const listening = observers.filter((observer) => observer.nodeAttempts);
  return {
    frame: (frame) => observers.forEach((observer) => observer.frame(frame)),
    failed: (error) => observers.forEach((observer) => observer.failed(error)),
    done: () => observers.forEach((observer) => observer.done()),
    returned: () => observers.forEach((observer) => observer.returned()),
    nodeAttempts:
      listening.length === 0
        ? undefined
        : (attempts) => listening.forEach((observer) => observer.nodeAttempts?.(attempts)),
  };
}
