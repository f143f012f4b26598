import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  buildWorkflow,
  type BuiltWorkflow,
  lazyIterator,
  type RunFrame,
  type RunSnapshot,
  sandboxTenant,
  startWorkflow,
} from '../../../engine';
import { FileInputValidator, startNodeOf } from '../../file';
import { substituteCredentials } from './credential-substitution';
import { EngineCache } from './engine-cache';
import { RunEngineServices } from './engine-services.provider';
import type { RunRequest } from './run-request';

/** The engine consumes the inner `{nodes, edges}` of a stored protocol (docs/engine.md#dsl-envelope). */
export function dslOf(protocol: unknown): unknown {
  return typeof protocol === 'object' && protocol !== null
    ? (protocol as { data?: unknown }).data
    : undefined;
}

/**
 * Compiles (cached per flow row, update time, mode and credential variant) and runs a flow.
 * Build failures surface inside the run's frame sequence, as docs/api.md#chat-completions requires.
 * The flow and publish code may call `invalidateFlow` when a row changes; entries are also
 * checked against the row's `update_at`, so a missed call cannot serve a stale engine.
 */
@Injectable()
export class WorkflowRunnerService {
  private readonly cache = new EngineCache<BuiltWorkflow>();

  constructor(
    private readonly engineServices: RunEngineServices,
    private readonly fileInputs: FileInputValidator,
  ) {}

  /** The run's frames (debug view); `onPause` receives the snapshot of a paused run. */
  frames(request: RunRequest, onPause?: (snapshot: RunSnapshot) => void): AsyncIterable<RunFrame> {
    return this.generate(request, onPause);
  }

  /** The compiled workflow for this request (built on a cache miss; throws build errors). */
  compiled(request: Pick<RunRequest, 'mode' | 'row' | 'protocol' | 'credentials'>): BuiltWorkflow {
    const { mode, row, credentials } = request;
    const variant = credentials ? credentialVariant(credentials) : '';
    return this.cache.get({ mode, flowId: row.id, variant }, row.updateAt.getTime(), () => {
      const dsl = dslOf(request.protocol);
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
    onPause?: (snapshot: RunSnapshot) => void,
  ): AsyncIterableIterator<RunFrame> {
    return lazyIterator(async () => {
      // run-phase checks in the order of docs/api.md#chat-completions: engine build, then file inputs
      const built = this.compiled(request);
      if (!request.resumeFrom) {
        const start = startNodeOf(dslOf(request.protocol));
        await this.fileInputs.validate(start, request.parameters, request.signal);
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
        eventId: request.eventId,
        sandboxTenant: sandboxTenantOf(request.row, request.appId),
        sandboxCaller: `app:${request.appId}`,
        callChain: request.callChain,
        signal: request.signal,
        // per run: the database node tells its service whether this is a released run
        services: { ...this.engineServices.services, runMode: request.mode },
        onPause,
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
