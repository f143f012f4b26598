import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../core/config/app-config';
import { AppException } from '../../../core/errors/app.exception';
import { ErrorCode } from '../../../core/errors/error-code';
import type { FlowEntity } from '../../../database/entities';
import { AppResolverService } from '../../app/app-resolver.service';
import { substitutesCredentials } from '../../chat/run/credential-substitution';
import { WorkflowRunnerService } from '../../chat/run/workflow-runner.service';
import type { RunView } from '../../chat/stream/frame-views';
import { FlowRepository } from '../../flow/flow.repository';
import { PublishedFlowService } from '../../versioning/published-flow.service';
import { RunCheckpoints } from '../checkpoint/run-checkpoints';
import { LEASE_TTL_MS, RunEventForwarder } from '../run-event-forwarder';
import { RunRegistry } from '../run-registry';

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

  /** Restores the run when it is not alive anywhere; true when this call restored it. */
  async restoreIfOrphaned(eventId: string, view: RunView): Promise<boolean> {
    if (await this.registry.runIsHeld(eventId)) return false;
    const checkpoint = await this.checkpoints.load(eventId);
    if (!checkpoint) return false;
    if (!(await this.registry.holdRun(eventId, this.forwarder.instanceId, LEASE_TTL_MS)))
      return false;
    const event = (await this.registry.get(eventId)) ?? checkpoint.event;
    if (event.status !== 'interrupt') {
      await this.registry.releaseRun(eventId);
      return false;
    }
    await this.registry.restore(event);
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
    return true;
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
