import type { RunSnapshot } from '../../../engine';
import type { RunRestoreInfo } from '../../chat/run/run-events';
import type { RunRegistry } from '../run-registry';
import type { RunCheckpointStore } from './run-checkpoint.store';

/** A paused run's engine state and how to rebuild it; the event record names flow and app. */
export interface CheckpointState {
  snapshot: RunSnapshot;
  restore?: RunRestoreInfo;
}

/**
 * Saves a paused run's snapshot with its event record whenever the engine reports a pause
 * (`runWorkflow(..., { onPause })`), and drops it when the run ends. Saves of one event are
 * serialised, so a late save never outlives the deletion.
 */
export class RunCheckpoints {
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly registry: RunRegistry,
    private readonly store: RunCheckpointStore,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Saves the run's snapshot with its current event record (in the background). */
  save(eventId: string, snapshot: RunSnapshot, restore?: RunRestoreInfo): void {
    void this.chain(eventId, async () => {
      const event = await this.registry.get(eventId);
      if (event) await this.store.save<CheckpointState>({ event, state: { snapshot, restore } });
    });
  }

  load(eventId: string) {
    return this.store.load<CheckpointState>(eventId);
  }

  delete(eventId: string): Promise<void> {
    return this.chain(eventId, () => this.store.delete(eventId));
  }

  private chain(eventId: string, task: () => Promise<void>): Promise<void> {
    const next = (this.pending.get(eventId) ?? Promise.resolve())
      .then(task)
      .catch(this.onError)
      .finally(() => {
        if (this.pending.get(eventId) === next) this.pending.delete(eventId);
      });
    this.pending.set(eventId, next);
    return next;
  }
}
