import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../core/config/app-config';
import { AppException } from '../../../core/errors/app.exception';
import { ErrorCode } from '../../../core/errors/error-code';
import type { FlowEntity } from '../../../database/entities';
import { AppResolverService } from '../../app/app-resolver.service';
import { substitutesCredentials } from '../../chat/run/credential-substitution';
import { WorkflowRunnerService } from '../../chat/run/workflow-runner.service';
import type { RunView } from '../../chat/stream/frame-views';
import { FlowRepository } from '../../../database/repositories/flow.repository';
import { PublishedFlowService } from '../../versioning/published-flow.service';
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
    private readonly config: AppConfig,
    private readonly registry: RunRegistry,
    private readonly checkpoints: RunCheckpoints,
    private readonly forwarder: RunEventForwarder,
    private readonly runner: WorkflowRunnerService,
    private readonly published: PublishedFlowService,
    private readonly flows: FlowRepository,
    private readonly apps: AppResolverService,
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
    const release = restore.mode === 'release';
    const row = await this.flowRow(event.flow_id, event.app_id, release, restore.version);
    const app = release ? await this.apps.resolve(event.app_id) : undefined;
    const substitute = app && substitutesCredentials(this.config.service.runtimeEnv);
    const frames = this.runner.frames(
      {
        mode: restore.mode,
        row,
        protocol: release ? row.releaseData : row.data,
        credentials: substitute
          ? { appId: event.app_id, apiKey: app.apiKey, apiSecret: app.apiSecret }
          : undefined,
        flowId: event.flow_id,
        appId: event.app_id,
        uid: event.uid,
        chatId: event.chat_id,
        eventId,
        parameters: checkpoint.state.snapshot.parameters,
        history: restore.history,
        signal: new AbortController().signal,
        resumeFrom: checkpoint.state.snapshot,
      },
      (snapshot) => this.forwarder.checkpoint(eventId, snapshot),
    );
    await this.forwarder.hold(eventId, restore);
    void this.forwarder.forward(eventId, frames[Symbol.asyncIterator]());
  }

  private async flowRow(
    flowId: string,
    appId: string,
    release: boolean,
    version: string,
  ): Promise<FlowEntity> {
    // same lookup as the chat routes: a named version (release, or debug of a version) else the row
    if (release || version)
      return this.published.findPublished(flowId, appId, version || undefined);
    const row = await this.flows.findById(flowId);
    if (!row) throw new AppException(ErrorCode.FLOW_NOT_FOUND_ERROR);
    return row;
  }
}
