import { randomUUID } from 'node:crypto';
import { isAppException } from '../../../core/errors/app.exception';
import { newEventId } from '../../../core/ids/event-id';
import {
  type BuiltWorkflow,
  type RunSnapshot,
  startWorkflow,
  type SubflowCall,
  type SubflowFrame,
} from '../../../engine';
import type { RunRequests } from '../runner/run-requests.service';
import type { WorkflowRunnerService } from '../runner/workflow-runner.service';
import { sandboxTenantOf } from '../runner/workflow-runner.service';
import { ReleaseStreamView } from '../stream/frame-views';

/**
 * Runs a published sub-flow inside this process, as the open chat route would run it for the
 * node's app (same lookup, licence and credential rules, same compiled-engine cache), and hands
 * back its release-view frames: the node reads them exactly like a remote service's SSE.
 */
export class InProcessSubflows {
  constructor(
    /** resolved lazily, like the runner: the run feature needs this service as an engine service source */
    private readonly requests: () => RunRequests,
    private readonly runner: () => WorkflowRunnerService,
  ) {}

  async *run(call: SubflowCall): AsyncGenerator<SubflowFrame> {
    let built: BuiltWorkflow;
    let owner: { id: string; appId: string | null };
    try {
      const { flow } = await this.requests().startingFlow(
        'release',
        call.flowId,
        call.appId,
        call.version,
      );
      built = this.runner().compiled('release', flow);
      owner = flow.row;
    } catch (error) {
      // answered like the chat route's pre-stream failures: an error frame
      if (!isAppException(error)) throw error;
      yield { code: error.code, message: error.message };
      return;
    }
    // recorded as a run of its own, a child of the parent's (docs/api.md#run-records)
    const recorded = {
      mode: 'release' as const,
      flowId: call.flowId,
      appId: call.appId,
      eventId: newEventId(),
      uid: call.uid,
      chatId: '',
      version: call.version ?? '',
      parentRunId: call.eventId || undefined,
    };
    const frames = this.runner().recordedRun(
      recorded,
      (onNodeAttempts) =>
        startWorkflow(built, {
          parameters: call.parameters,
          history: call.history,
          uid: call.uid,
          chatId: null,
          flowId: call.flowId,
          appId: call.appId,
          // questions pause the parent's event; /resume on it answers this run (docs/nodes.md#flow)
          eventId: call.eventId || randomUUID(),
          questionLock: call.questionLock,
          resumeFrom: asSnapshot(call.resumeFrom),
          onPause: call.onPause,
          onNodeAttempts,
          // the sub-flow's code is its owner's code, run for the parent's caller
          sandboxTenant: sandboxTenantOf(owner, call.sandboxCaller),
          sandboxCaller: call.sandboxCaller,
          callChain: call.callChain,
          signal: call.signal,
          services: call.services,
        }).frames,
    );
    const view = new ReleaseStreamView();
    for await (const frame of frames) {
      const out = view.accept(frame);
      if (out) yield out;
    }
  }
}

/** A sub-run's saved state, as the parent's checkpoint kept it (anything else starts afresh). */
function asSnapshot(state: unknown): RunSnapshot | undefined {
  const snapshot = state as RunSnapshot | null | undefined;
  return snapshot && snapshot.version === 1 && typeof snapshot.nodes === 'object'
    ? snapshot
    : undefined;
}
