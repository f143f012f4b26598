import { Inject, Injectable, Optional } from '@nestjs/common';
import { newEventId } from '../../../core/ids/event-id';
import type { ChunkObject, RunFrame, RunSnapshot } from '../../../engine';
import type { HistoryItemDto } from '../dto/chat-request.dto';
import type { RunResponseHooks } from '../stream/run-response';
import type { RunMode } from './engine-cache';

// The seam between the chat routes and the run/event registry (docs/api.md#run-events). The chat routes
// mint the event id and tell the registry about the run's start, pause and end; the registry
// (src/modules/run, provided under RUN_EVENT_REGISTRY) stores records and forwards paused runs.
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
  mode: RunMode;
  /** the requested version label, `""` for the latest */
  version: string;
  history: HistoryItemDto[];
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

export interface RunEventStart {
  flowId: string;
  appId: string;
  uid: string;
  chatId: string;
  isStream: boolean;
  restore?: RunRestoreInfo;
}

/** Default event timeout in seconds (docs/api.md#event-record). */
const EVENT_TIMEOUT_SEC = 180;

@Injectable()
export class RunEvents {
  constructor(
    @Optional() @Inject(RUN_EVENT_REGISTRY) private readonly registry?: RunEventRegistry,
  ) {}

  /** Mints the event id, registers the running event and returns the response hooks. */
  async open(start: RunEventStart): Promise<OpenedRun> {
    const eventId = newEventId();
    const registry = this.registry;
    if (!registry) return { eventId, hooks: {}, abandon: () => Promise.resolve() };
    await registry.register(
      {
        event_id: eventId,
        flow_id: start.flowId,
        app_id: start.appId,
        uid: start.uid,
        chat_id: start.chatId,
        is_stream: start.isStream,
        status: 'running',
        timeout: EVENT_TIMEOUT_SEC,
        interrupt_node: '',
      },
      start.restore,
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
