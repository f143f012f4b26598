import { Injectable } from '@nestjs/common';
import { RunRequests } from '../runner/run-requests.service';
import { WorkflowRunnerService } from '../runner/workflow-runner.service';
import type { RunView } from '../run-view';
import { CheckpointState, RunCheckpoint, RunCheckpoints } from '../checkpoint/run-checkpoints';
import { LEASE_TTL_MS, RunEventForwarder } from '../run-event-forwarder';
import { EventRecord, ResumeReply, RunRegistry } from '../run-registry';

/**
 * Continues a paused run whose instance is gone (restart, crash): when nobody holds the run's
 * lease but its checkpoint exists, this instance takes the lease, puts the event back if the
 * registry lost it, rebuilds the flow (release data for `/resume`, draft for `/debug/resume`)
 * and runs it from the snapshot; its frames go to the output queue as a paused run's would.
 */
@Injectable()
export class RunRestorer {
  constructor(
    private readonly registry: RunRegistry,
    private readonly checkpoints: RunCheckpoints,
    private readonly forwarder: RunEventForwarder,
    private readonly runner: WorkflowRunnerService,
    private readonly requests: RunRequests,
  ) {}

  /**
   * Restores the run when it is not alive anywhere (no lease, or its owner's heartbeat is gone);
   * true when this call restored it.
   */
  async restoreIfOrphaned(eventId: string, view: RunView): Promise<boolean> {
    const checkpoint = await this.orphanCheckpoint(eventId);
    if (!checkpoint) return false;
    const event = (await this.registry.get(eventId)) ?? checkpoint.event;
    if (event.status !== 'interrupt') {
      await this.registry.releaseRun(eventId);
      return false;
    }
    await this.registry.restore(event);
    await this.continueRun(eventId, event, checkpoint, view);
    return true;
  }

  /**
   * A resume was accepted but no frame comes: when the run's owner died meanwhile, continue the
   * run here with `reply` (handed again unless still queued: a dying owner may have taken it).
   * `alive` when an instance holds the run, `lost` when nobody does and there is no checkpoint.
   */
  async takeOverAccepted(
    eventId: string,
    view: RunView,
    reply: ResumeReply,
  ): Promise<'alive' | 'restored' | 'lost'> {
    if (await this.registry.runIsHeld(eventId)) return 'alive';
    if (!(await this.checkpoints.load(eventId))) return 'lost';
    const checkpoint = await this.orphanCheckpoint(eventId);
    if (!checkpoint) return 'alive';
    const event = (await this.registry.get(eventId)) ?? checkpoint.event;
    await this.registry.redeliverReply(event, event.interrupt_node, reply);
    await this.continueRun(eventId, event, checkpoint, view);
    return 'restored';
  }

  /** The run's checkpoint once this instance took its lease; null when alive or absent. */
  private async orphanCheckpoint(eventId: string) {
    if (await this.registry.runIsHeld(eventId)) return null;
    const checkpoint = await this.checkpoints.load(eventId);
    if (!checkpoint) return null;
    // heartbeat first: a lease without a live owner is free for anyone to take
    await this.forwarder.beat();
    const { instanceId } = this.forwarder;
    if (!(await this.registry.takeRun(eventId, instanceId, LEASE_TTL_MS))) return null;
    return checkpoint;
  }

  private async continueRun(
    eventId: string,
    event: EventRecord,
    checkpoint: RunCheckpoint<CheckpointState>,
    view: RunView,
  ): Promise<void> {
    // how the run was started; for checkpoints without it, the route tells release from debug
    const restore = checkpoint.state.restore ?? { mode: view, version: '', history: [] };
    const { snapshot } = checkpoint.state;
    const request = await this.requests.restored(event, restore, snapshot);
    const frames = this.runner.frames(request, {
      eventId,
      signal: new AbortController().signal,
      onPause: (next) => this.forwarder.checkpoint(eventId, next),
    });
    await this.forwarder.hold(eventId, restore);
    void this.forwarder.forward(eventId, frames[Symbol.asyncIterator]());
  }
}
