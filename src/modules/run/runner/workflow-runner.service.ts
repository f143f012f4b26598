import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  buildWorkflow,
  startWorkflow,
  type BuiltWorkflow,
  lazyIterator,
  type NodeAttemptsListener,
  type RunFrame,
  sandboxTenant,
} from '../../../engine';
import { FileInputValidator, startNodeOf } from '../../file';
import { FlowChanges } from '../../flow/flow-changes';
import { RunRecorder } from '../records/run-recorder.service';
import { substituteCredentials } from './credential-substitution';
import { EngineCache } from './engine-cache';
import { RunEngineServices } from './engine-services.provider';
import type { RunFlow, RunRequest, RunTicket } from './run-request';
import {
  attemptsListener,
  METRICS_WATCHER,
  observed,
  runObserver,
  type ObservedRun,
  type RunWatcher,
} from './run-observers';
import '../../../engine';
import type { RunView } from '../run-view';

/** The engine consumes the inner `{nodes, edges}` of a stored protocol (docs/engine.md#dsl-envelope). */
export function dslOf(protocol: unknown): unknown {
  return typeof protocol === 'object' && protocol !== null
    ? (protocol as { data?: unknown }).data
    : undefined;
}

/**
 * Compiles (cached per flow row, update time, mode and credential variant) and runs a flow.
 * Build failures surface inside the run's frame sequence, as docs/api.md#chat-completions requires.
 * A changed row (protocol update, publish: `FlowChanges`) drops its engines; entries are also
 * checked against the row's `update_at`, so a missed announcement cannot serve a stale engine.
 */
@Injectable()
export class WorkflowRunnerService {
  private readonly cache = new EngineCache<BuiltWorkflow>();

  constructor(
    private readonly engineServices: RunEngineServices,
    private readonly fileInputs: FileInputValidator,
    flowChanges: FlowChanges,
    @Optional() @Inject(METRICS_WATCHER) private readonly telemetry?: RunWatcher,
    @Optional() private readonly records?: RunRecorder,
  ) {
    flowChanges.subscribe((flowId) => this.invalidateFlow(flowId));
  }

  /** The run's frames (debug view), under the event id and abort signal of its ticket. */
  frames(request: RunRequest, ticket: RunTicket): AsyncIterable<RunFrame> {
    // metrics and spans (docs/operations.md) and the run record (docs/api.md#run-records),
    // read off its frames and what the engine tells beside them
    const observer = runObserver(
      {
        mode: request.view,
        flowId: request.flowId,
        appId: request.appId,
        eventId: ticket.eventId,
        sid: ticket.sid,
        uid: request.uid,
        chatId: request.chatId,
        version: request.version,
      },
      [this.telemetry, this.records],
    );
    return observed(this.generate(request, ticket, attemptsListener(observer)), observer);
  }

  /**
   * A run started outside the chat routes (an in-process sub-flow, a node debug): recorded
   * (docs/api.md#run-records), not counted in the run metrics. `start` starts it, handing the
   * engine the record's listener of node attempts.
   */
  recordedRun(
    run: ObservedRun,
    start: (onNodeAttempts: NodeAttemptsListener | undefined) => AsyncIterable<RunFrame>,
  ): AsyncIterable<RunFrame> {
    const observer = this.records?.observer(run);
    return observed(start(attemptsListener(observer)), observer);
  }

  /** The compiled workflow of a flow in a mode (built on a cache miss; throws build errors). */
  compiled(mode: RunView, flow: RunFlow): BuiltWorkflow {
    const { row, credentials } = flow;
    const variant = credentials ? credentialVariant(credentials) : '';
    return this.cache.get({ mode, flowId: row.id, variant }, row.updateAt.getTime(), () => {
      const dsl = dslOf(flow.protocol);
      return buildWorkflow(credentials ? substituteCredentials(dsl, credentials) : dsl);
    });
  }

  invalidateFlow(flowId: string): void {
    this.cache.invalidateFlow(flowId);
  }

  cacheStats(): { hits: number; builds: number; size: number } {
    return this.cache.stats();
  }

  private generate(
    request: RunRequest,
    ticket: RunTicket,
    onNodeAttempts: NodeAttemptsListener | undefined,
  ): AsyncIterableIterator<RunFrame> {
    return lazyIterator(async () => {
      // run-phase checks in the order of docs/api.md#chat-completions: engine build, then file inputs
      const built = this.compiled(request.view, request.flow);
      if (!request.resumeFrom) {
        const start = startNodeOf(dslOf(request.flow.protocol));
        await this.fileInputs.validate(start, request.parameters, ticket.signal);
      }
      return startWorkflow(built, {
        parameters: request.parameters,
        history: request.history.map((item) => ({
          role: item.role,
          content: item.content,
          content_type: item.content_type ?? 'text',
        })),
        uid: request.uid,
        chatId: request.chatId,
        flowId: request.flowId,
        appId: request.appId,
        eventId: ticket.eventId,
        sandboxTenant: sandboxTenantOf(request.flow.row, request.appId),
        sandboxCaller: `app:${request.appId}`,
        callChain: request.callChain,
        signal: ticket.signal,
        // per run: the database node tells its service whether this is a released run
        services: { ...this.engineServices.services, runMode: request.view },
        onPause: ticket.onPause,
        onNodeAttempts,
        resumeFrom: request.resumeFrom,
      }).frames[Symbol.asyncIterator]();
    });
  }
}

/**
 * The Python sandbox key of a run: the flow's stored owner and the calling app. Not the DSL's
 * `appId`, which the author writes freely; and the owner alone is not enough, since whoever adds
 * a flow names its owner.
 */
export function sandboxTenantOf(row: { id: string; appId: string | null }, caller: string): string {
  return sandboxTenant.flowRun(row.appId || `flow:${row.id}`, caller);
}

function credentialVariant(credentials: { appId: string; apiKey: string; apiSecret: string }) {
  const digest = createHash('sha256')
    .update(`${credentials.apiKey}\u0000${credentials.apiSecret}`)
    .digest('base64url');
  return `${credentials.appId}\u0000${digest}`;
}
