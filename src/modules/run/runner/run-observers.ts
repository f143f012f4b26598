import type { RunFrame } from '../../../engine';
import { ObservedFrames, type FrameObserver } from '../../metrics/observed-frames';
import type { RunInfo } from '../../metrics/run-observer';

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

/** The run's frames with every watcher's observer on the side (the frames as they are if none). */
export function observeRun(
  frames: AsyncIterableIterator<RunFrame>,
  run: ObservedRun,
  watchers: readonly (RunWatcher | undefined)[],
): AsyncIterableIterator<RunFrame> {
  const observers = watchers.flatMap((watcher) => watcher?.observer(run) ?? []);
  if (observers.length === 0) return frames;
  return new ObservedFrames(frames, observers.length === 1 ? observers[0] : allOf(observers));
}

function allOf(observers: FrameObserver[]): FrameObserver {
  return {
    frame: (frame) => observers.forEach((observer) => observer.frame(frame)),
    failed: (error) => observers.forEach((observer) => observer.failed(error)),
    done: () => observers.forEach((observer) => observer.done()),
    returned: () => observers.forEach((observer) => observer.returned()),
  };
}
