import { randomUUID } from 'node:crypto';
import type { RunSnapshot, ChunkObject, RunFrame } from '../../engine';
import { streamFailureFrameOf } from './stream/error-frames';
import { isInterrupt } from './stream/frame-kind';
import { ErrorCode } from '../../core/errors/error-code';
import type { RunEventRecord, RunEventRegistry, RunRestoreInfo } from './runner/run-events';
import type { RunCheckpoints } from './checkpoint/run-checkpoints';
import { RunRegistry } from './run-registry';

/** Lease on a live run: renewed every LEASE_RENEW_MS, lapses LEASE_TTL_MS after its instance died. */
export const LEASE_TTL_MS = 6000;
const LEASE_RENEW_MS = 2000;
/**
 * Every instance holding leases refreshes its heartbeat each HEARTBEAT_MS; a lease whose owner's
 * heartbeat (HEARTBEAT_TTL_MS) is gone belongs to a dead instance and is taken over at once.
 */
export const HEARTBEAT_TTL_MS = 3000;
const HEARTBEAT_MS = 1000;

/**
 * The chat routes' view of the registry (RUN_EVENT_REGISTRY): register a run (and hold its
 * lease while it lives on this instance), delete it when its stop frame is delivered, and on
 * an interrupt keep the paused run going in the background, moving every later frame into the
 * event's output queue until its stop frame — for as long as the run lives, in stream and
 * non-stream mode (docs/decisions.md#q2). Whoever serves `/resume`, on any instance, reads that queue.
 */
export class RunEventForwarder implements RunEventRegistry {
  readonly instanceId = randomUUID();
  private readonly leases = new Map<string, NodeJS.Timeout>();
  /** how to rebuild each live run, saved with its checkpoints */
  private readonly restoreInfo = new Map<string, RunRestoreInfo>();
  /** runs registered here that have not paused: they have no checkpoint to delete */
  private readonly neverPaused = new Set<string>();
  /** the last checkpoint save of each paused run (its interrupt frame waits for it) */
  private readonly commits = new Map<string, Promise<void>>();
  /** runs paused here and not answered yet (the `astron_paused_runs` gauge) */
  private readonly paused = new Set<string>();
  private heartbeat: NodeJS.Timeout | undefined;
  /** when the last heartbeat that was written had been sent */
  private lastBeatAt = Number.NEGATIVE_INFINITY;
  private beating: Promise<void> | undefined;
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
    await this.beat();
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
    if (!paused) return this.registry.deleteNeverPaused(eventId);
    await this.registry.delete(eventId);
    await this.checkpoints?.delete(eventId);
  }

  /** The engine reports a pause: keep the snapshot so the run survives this instance. */
  checkpoint(eventId: string, snapshot: RunSnapshot): void {
    this.neverPaused.delete(eventId);
    if (!this.checkpoints) return;
    const commit = this.checkpoints.save(eventId, snapshot, this.restoreInfo.get(eventId));
    commit.catch(() => undefined); // reported by the checkpoints; awaited by `committed`
    this.commits.set(eventId, commit);
  }

  /** Settles when the run's last checkpoint is committed; rejects when that save failed. */
  committed(eventId: string): Promise<void> {
    return this.commits.get(eventId) ?? Promise.resolve();
  }

  async pause(
    eventId: string,
    _interrupt: ChunkObject,
    rest: AsyncIterator<RunFrame>,
  ): Promise<void> {
    this.neverPaused.delete(eventId);
    this.paused.add(eventId);
    await this.registry.markInterrupted(eventId);
    void this.forward(eventId, rest).catch(this.onForwardError);
  }

  /** Moves the frames of a (paused or restored) run into its output queue up to its stop frame. */
  async forward(eventId: string, rest: AsyncIterator<RunFrame>): Promise<void> {
    try {
      for (;;) {
        const next = await rest.next();
        // answered (or over), unless this is the next question
        if (!next.done && isInterrupt(next.value)) this.paused.add(eventId);
        else this.paused.delete(eventId);
        // shutting down: what the dying run says now is not its outcome; its checkpoint stays
        if (next.done || this.closed) return;
        // the record's timeout may have been replaced by a question-answer node's
        const timeout = (await this.registry.get(eventId))?.timeout ?? 180;
        if (isInterrupt(next.value) && !(await this.pauseCommitted(eventId))) {
          // a pause that could not be saved is not handed out: the run ends with an error
          const failure = streamFailureFrameOf(ErrorCode.EVENT_REGISTRY_NOT_FOUND_ERROR);
          await this.registry.pushOutput(eventId, failure, timeout);
          await this.checkpoints?.delete(eventId);
          void rest.return?.().catch(() => undefined);
          return;
        }
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

  private async pauseCommitted(eventId: string): Promise<boolean> {
    try {
      await this.committed(eventId);
      return true;
    } catch {
      return false;
    }
  }

  get pausedRuns(): number {
    return this.paused.size;
  }

  private drop(eventId: string): void {
    this.paused.delete(eventId);
    clearInterval(this.leases.get(eventId));
    this.leases.delete(eventId);
    this.restoreInfo.delete(eventId);
    this.commits.delete(eventId);
  }

  /**
   * Makes sure this instance's heartbeat is fresh (refreshed within HEARTBEAT_MS), and from
   * then on refreshes it every HEARTBEAT_MS. Under load most runs find it fresh: one write per
   * HEARTBEAT_MS, not one per run.
   */
  async beat(): Promise<void> {
    if (!this.heartbeat && !this.closed) {
      this.heartbeat = setInterval(() => void this.refreshHeartbeat(), HEARTBEAT_MS);
      this.heartbeat.unref();
    }
    if (Date.now() - this.lastBeatAt < HEARTBEAT_MS) return;
    // runs starting together share one write
    this.beating ??= this.writeHeartbeat().finally(() => (this.beating = undefined));
    await this.beating;
  }

  private refreshHeartbeat(): Promise<void> {
    return this.writeHeartbeat().catch(this.onForwardError);
  }

  private async writeHeartbeat(): Promise<void> {
    const started = Date.now();
    await this.registry.heartbeat(this.instanceId, HEARTBEAT_TTL_MS);
    this.lastBeatAt = Math.max(this.lastBeatAt, started);
  }

  /**
   * Shutdown: stop forwarding and give up every lease, so another instance (or this one after
   * the restart) continues the paused runs from their checkpoints at once.
   */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    this.lastBeatAt = Number.NEGATIVE_INFINITY;
    const held = [...this.leases.keys()];
    for (const timer of this.leases.values()) clearInterval(timer);
    this.leases.clear();
    this.neverPaused.clear();
    await Promise.all(held.map((id) => this.registry.releaseRun(id).catch(this.onForwardError)));
    await this.registry.endHeartbeat(this.instanceId).catch(this.onForwardError);
  }
}
