import { randomUUID } from 'node:crypto';
import type { RunSnapshot } from '../../engine';
import type { ChunkObject, RunFrame } from '../../engine/runtime/run-frame';
import type { RunEventRecord, RunEventRegistry, RunRestoreInfo } from '../chat/run/run-events';
import type { RunCheckpoints } from './checkpoint/run-checkpoints';
import { RunRegistry } from './run-registry';

/** Lease on a live run: renewed every LEASE_RENEW_MS, lapses LEASE_TTL_MS after its instance died. */
export const LEASE_TTL_MS = 6000;
const LEASE_RENEW_MS = 2000;

/**
 * The chat routes' view of the registry (RUN_EVENT_REGISTRY): register a run (and hold its
 * lease while it lives on this instance), delete it when its stop frame is delivered, and on
 * an interrupt keep the paused run going in the background, moving every later frame into the
 * event's output queue until its stop frame — for as long as the run lives, in stream and
 * non-stream mode (fixes Q2). Whoever serves `/resume`, on any instance, reads that queue.
 */
export class RunEventForwarder implements RunEventRegistry {
  readonly instanceId = randomUUID();
  private readonly leases = new Map<string, NodeJS.Timeout>();
  /** how to rebuild each live run, saved with its checkpoints */
  private readonly restoreInfo = new Map<string, RunRestoreInfo>();
  /** runs registered here that have not paused: they have no checkpoint to delete */
  private readonly neverPaused = new Set<string>();
  private closed = false;

  constructor(
    private readonly registry: RunRegistry,
    private readonly checkpoints?: RunCheckpoints,
    private readonly onForwardError: (error: unknown) => void = () => undefined,
  ) {}

  async register(record: RunEventRecord, restore?: RunRestoreInfo): Promise<void> {
    await this.registry.create(record);
    this.neverPaused.add(record.event_id);
    await this.hold(record.event_id, restore);
  }

  /** Holds the run's lease until `finish` (a resume that finds no lease restores the run). */
  async hold(eventId: string, restore?: RunRestoreInfo): Promise<void> {
    if (restore) this.restoreInfo.set(eventId, restore);
    await this.registry.holdRun(eventId, this.instanceId, LEASE_TTL_MS);
    const timer = setInterval(() => {
      this.registry.holdRun(eventId, this.instanceId, LEASE_TTL_MS).catch(this.onForwardError);
    }, LEASE_RENEW_MS);
    timer.unref();
    this.leases.set(eventId, timer);
  }

  async finish(eventId: string): Promise<void> {
    // a checkpoint exists only after a pause: most runs skip the database round trip
    const paused = !this.neverPaused.delete(eventId);
    this.drop(eventId);
    await this.registry.delete(eventId);
    if (paused) await this.checkpoints?.delete(eventId);
  }

  /** The engine reports a pause: keep the snapshot so the run survives this instance. */
  checkpoint(eventId: string, snapshot: RunSnapshot): void {
    this.neverPaused.delete(eventId);
    this.checkpoints?.save(eventId, snapshot, this.restoreInfo.get(eventId));
  }

  async pause(
    eventId: string,
    _interrupt: ChunkObject,
    rest: AsyncIterator<RunFrame>,
  ): Promise<void> {
    this.neverPaused.delete(eventId);
    await this.registry.markInterrupted(eventId);
    void this.forward(eventId, rest).catch(this.onForwardError);
  }

  /** Moves the frames of a (paused or restored) run into its output queue up to its stop frame. */
  async forward(eventId: string, rest: AsyncIterator<RunFrame>): Promise<void> {
    try {
      for (;;) {
        const next = await rest.next();
        // shutting down: what the dying run says now is not its outcome; its checkpoint stays
        if (next.done || this.closed) return;
        // the record's timeout may have been replaced by a question-answer node's
        const timeout = (await this.registry.get(eventId))?.timeout ?? 180;
        await this.registry.pushOutput(eventId, next.value, timeout);
        if (next.value.choices[0].finish_reason === 'stop') {
          await this.checkpoints?.delete(eventId);
          return;
        }
      }
    } finally {
      this.drop(eventId);
      if (!this.closed) await this.registry.releaseRun(eventId);
    }
  }

  private drop(eventId: string): void {
    clearInterval(this.leases.get(eventId));
    this.leases.delete(eventId);
    this.restoreInfo.delete(eventId);
  }

  /**
   * Shutdown: stop forwarding and give up every lease, so another instance (or this one after
   * the restart) continues the paused runs from their checkpoints at once.
   */
  async close(): Promise<void> {
    this.closed = true;
    const held = [...this.leases.keys()];
    for (const timer of this.leases.values()) clearInterval(timer);
    this.leases.clear();
    this.neverPaused.clear();
    await Promise.all(held.map((id) => this.registry.releaseRun(id).catch(this.onForwardError)));
  }
}
