import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../core/config/app-config';
import { AppException } from '../../../core/errors/app.exception';
import { ErrorCode } from '../../../core/errors/error-code';
import type { AppEntity, FlowEntity } from '../../../database/entities';
import type { RunSnapshot } from '../../../engine';
import { AppResolverService } from '../../app/app-resolver.service';
import { underPlatformAudit } from '../../app/audit-policy';
import { requireNumericFlowId } from '../../flow/flow-id';
import { FlowRepository } from '../../../database/repositories/flow.repository';
import { isUnpublished } from '../../versioning/release-status';
import { PublishedFlowService } from '../../versioning/published-flow.service';
import type { RunView } from '../run-view';
import { substitutesCredentials } from './credential-substitution';
import type { RunRestoreInfo } from './run-events';
import type { RunBody, RunFlow, RunRequest } from './run-request';

/** The stored event of a paused run, as far as its restoration needs it. */
export interface PausedRunEvent {
  flow_id: string;
  app_id: string;
  uid: string;
  chat_id: string;
  is_stream: boolean;
}

/**
 * Builds the `RunRequest` of every run route, with the one lookup of the flow a run executes:
 * a named version (and every released run) through the published-flow lookup, else the draft
 * row itself; released runs get the calling app's credentials outside dev/test.
 */
@Injectable()
export class RunRequests {
  constructor(
    private readonly config: AppConfig,
    private readonly published: PublishedFlowService,
    private readonly flows: FlowRepository,
    private readonly apps: AppResolverService,
  ) {}

  /**
   * The request of a chat route, pre-stream checks in the order of docs/api.md#chat-completions
   * and docs/api.md#debug-chat: flow id, flow row (licence), app, publish state (release only).
   */
  async fromBody(
    view: RunView,
    body: RunBody,
    appId: string,
    callChain?: readonly string[],
  ): Promise<RunRequest> {
    // the reference fails on int(flow_id) outside its domain errors: 20805 (docs/api.md#chat-completions)
    requireNumericFlowId(body.flow_id, ErrorCode.OPEN_API_ERROR);
    const { flow, audited } = await this.startingFlow(view, body.flow_id, appId, body.version);
    return {
      view,
      flow,
      flowId: body.flow_id,
      appId,
      uid: body.uid,
      chatId: body.chat_id,
      version: body.version,
      parameters: body.parameters,
      history: body.history,
      stream: body.stream,
      refuseInterrupt: audited,
      callChain,
    };
  }

  /**
   * The flow a new run of this view executes (also an in-process sub-flow's): flow row
   * (licence), app, publish state (release only); `audited`: the app is under the platform
   * audit policy (docs/api.md#audit-policy).
   */
  async startingFlow(
    view: RunView,
    flowId: string,
    appId: string,
    version: string | undefined,
  ): Promise<{ flow: RunFlow; audited: boolean }> {
    const row = await this.flowRow(view, flowId, appId, version);
    const app = await this.apps.resolve(appId); // unknown app → 20001/20002
    if (view === 'release' && isUnpublished(row.releaseStatus)) {
      throw new AppException(ErrorCode.FLOW_NOT_PUBLISH_ERROR);
    }
    return { flow: this.flowOf(view, row, appId, app), audited: underPlatformAudit(app) };
  }

  /** The request that continues a paused run from its snapshot, as the run was started. */
  async restored(
    event: PausedRunEvent,
    restore: RunRestoreInfo,
    snapshot: RunSnapshot,
  ): Promise<RunRequest> {
    const view = restore.mode;
    const row = await this.flowRow(view, event.flow_id, event.app_id, restore.version);
    const app = view === 'release' ? await this.apps.resolve(event.app_id) : undefined;
    return {
      view,
      flow: this.flowOf(view, row, event.app_id, app),
      flowId: event.flow_id,
      appId: event.app_id,
      uid: event.uid,
      chatId: event.chat_id,
      version: restore.version,
      parameters: snapshot.parameters,
      history: restore.history,
      // as recorded; the continuation goes to the output queue, and /resume answers per the record
      stream: event.is_stream,
      resumeFrom: snapshot,
    };
  }

  /** A named version (release, or debug of a version) through the published lookup, else the row. */
  private async flowRow(
    view: RunView,
    flowId: string,
    appId: string,
    version: string | undefined,
  ): Promise<FlowEntity> {
    if (view === 'release' || version) {
      return this.published.findPublished(flowId, appId, version || undefined);
    }
    const row = await this.flows.findById(flowId);
    if (!row) throw new AppException(ErrorCode.FLOW_NOT_FOUND_ERROR);
    return row;
  }

  private flowOf(view: RunView, row: FlowEntity, appId: string, app?: AppEntity): RunFlow {
    if (view === 'debug') return { row, protocol: row.data };
    const substitute = app && substitutesCredentials(this.config.service.runtimeEnv);
    return {
      row,
      protocol: row.releaseData,
      credentials: substitute ? { appId, apiKey: app.apiKey, apiSecret: app.apiSecret } : undefined,
    };
  }
}
