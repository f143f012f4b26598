import { Inject, Injectable, Optional } from '@nestjs/common';
import { newEventId } from '../../../core/ids/event-id';
import type { ChunkObject, RunFrame, RunSnapshot } from '../../../engine';
import type { RunResponseHooks } from '../stream/run-response';
import type { RunView } from '../run-view';
import type { HistoryItem, RunRequest } from './run-request';

// The seam between the run routes and the run/event registry (docs/api.md#run-events). The routes
// mint the event id and tell the registry about the run's start, pause and end; the registry
// (`RunEventForwarder`, provided under RUN_EVENT_REGISTRY) stores records and forwards paused runs.
// Without a registry a run is simply not resumable: an interrupt ends it.

export interface RunEventRecord {
  event_id: string;
  flow_id: string;
  app_id: string;
  uid: string;
  chat_id: string;
  is_stream: boolean;
  status: 'running' | 'interrupt';
  timeout: number;
  interrupt_node: string;
}

/** What a registry needs to rebuild a paused run elsewhere (after a restart). */
export interface RunRestoreInfo {
  mode: RunView;
  /** the requested version label, `""` for the latest */
  version: string;
  history: HistoryItem[];
}

export interface RunEventRegistry {
  register(record: RunEventRecord, restore?: RunRestoreInfo): Promise<void>;
  /** the stop frame reached the client: the run is over */
  finish(eventId: string): Promise<void>;
  /** the interrupt frame reached the client: mark it paused and forward `rest` to its queue */
  pause(eventId: string, interrupt: ChunkObject, rest: AsyncIterator<RunFrame>): Promise<void>;
  /** optional: the run waits for external input; keep its snapshot to continue it elsewhere */
  checkpoint?(eventId: string, snapshot: RunSnapshot): void;
  /** optional: settles when the last checkpoint is committed (rejects when it could not be) */
  committed?(eventId: string): Promise<void>;
}

export const RUN_EVENT_REGISTRY = Symbol('RUN_EVENT_REGISTRY');

export interface OpenedRun {
  eventId: string;
  hooks: RunResponseHooks;
  /** the response ended without stop or interrupt (client gone, timeout): drop the event */
  abandon(): Promise<void>;
  /** pass to the run: hands a paused run's snapshot to the registry */
  onPause?: (snapshot: RunSnapshot) => void;
}

/** Default event timeout in seconds (docs/api.md#event-record). */
const EVENT_TIMEOUT_SEC = 180;

@Injectable()
export class RunEvents {
  constructor(
    @Optional() @Inject(RUN_EVENT_REGISTRY) private readonly registry?: RunEventRegistry,
  ) {}

  /**
   * Mints the event id, registers the running event and returns the response hooks. Release runs
   * keep the body's `stream` in the event record; debug runs are registered as streaming whatever
   * the body says (docs/api.md#debug-chat step 4).
   */
  async open(run: RunRequest): Promise<OpenedRun> {
    const eventId = newEventId();
    const registry = this.registry;
    if (!registry) return { eventId, hooks: {}, abandon: () => Promise.resolve() };
    await registry.register(
      {
        event_id: eventId,
        flow_id: run.flowId,
        app_id: run.appId,
        uid: run.uid,
        chat_id: run.chatId,
        is_stream: run.view === 'debug' ? true : run.stream,
        status: 'running',
        timeout: EVENT_TIMEOUT_SEC,
        interrupt_node: '',
      },
      { mode: run.view, version: run.version, history: run.history },
    );
    return {
      eventId,
      hooks: {
        onStop: () => registry.finish(eventId),
        beforeInterrupt: () => registry.committed?.(eventId),
        onInterrupt: (chunk, rest) => registry.pause(eventId, chunk, rest),
      },
      abandon: () => registry.finish(eventId),
      onPause: registry.checkpoint
        ? (snapshot) => registry.checkpoint?.(eventId, snapshot)
        : undefined,
    };
  }
}
