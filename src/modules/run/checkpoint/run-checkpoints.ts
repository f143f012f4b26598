import { AppException } from '../../../core/errors/app.exception';
import { ErrorCode } from '../../../core/errors/error-code';
import type { RunSnapshot } from '../../../engine';
import type { RunRestoreInfo } from '../runner/run-events';
import type { EventRecord, RunRegistry } from '../run-registry';
import type {
  RunCheckpointRecord,
  RunCheckpointRepository,
} from '../../../database/repositories/run-checkpoint.repository';

/** A paused run's engine state and how to rebuild it; the event record names flow and app. */
export interface CheckpointState {
  snapshot: RunSnapshot;
  restore?: RunRestoreInfo;
}

/** A paused run as saved: its event record and its engine state. */
export type RunCheckpoint<S> = RunCheckpointRecord<EventRecord, S>;

/**
 * Saves a paused run's snapshot with its event record whenever the engine reports a pause
 * (`runWorkflow(..., { onPause })`), and drops it when the run ends. Saves of one event are
 * serialised, so a late save never outlives the deletion.
 */
export class RunCheckpoints {
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly registry: RunRegistry,
    private readonly store: RunCheckpointRepository,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /**
   * Saves the run's snapshot with its current event record; settles when committed, rejects
   * when it could not be (failures are also reported to `onError`).
   */
  save(eventId: string, snapshot: RunSnapshot, restore?: RunRestoreInfo): Promise<void> {
    return this.chain(eventId, async () => {
      const event = await this.registry.get(eventId);
      if (!event) throw new AppException(ErrorCode.EVENT_REGISTRY_NOT_FOUND_ERROR);
      await this.store.save<EventRecord, CheckpointState>({ event, state: { snapshot, restore } });
    });
  }

  load(eventId: string) {
    return this.store.load<EventRecord, CheckpointState>(eventId);
  }

  delete(eventId: string): Promise<void> {
    return this.chain(eventId, () => this.store.delete(eventId)).catch(() => undefined);
  }

  /** Runs `task` after the event's earlier tasks; the result is the task's own outcome. */
  private chain(eventId: string, task: () => Promise<void>): Promise<void> {
    const done = (this.pending.get(eventId) ?? Promise.resolve()).then(task);
    const next = done.catch(this.onError).finally(() => {
      if (this.pending.get(eventId) === next) this.pending.delete(eventId);
    });
    this.pending.set(eventId, next);
    return done;
  }
}
