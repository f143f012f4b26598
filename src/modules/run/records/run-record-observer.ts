import { newTimeOrderedId } from '../../../core/ids/time-ordered-id';
import {
  openOutcome,
  type WorkflowRunEntity,
  type WorkflowRunNodeEntity,
} from '../../../database/entities';
import type { FrameNode, NodeAttempts, RunFrame, TokenUsage } from '../../../engine';
import { RunLifecycleObserver, type RunEnding } from '../runner/run-lifecycle-observer';
import type { ObservedRun } from '../runner/run-observers';
import { nodeTypeOf } from '../stream/frame-kind';
import { recordedJson, recordedMessage } from './record-json';

/** Where an observer hands its rows (the batch writer): it must never wait on a write. */
export interface RunRecordSink {
  saveRun(row: WorkflowRunEntity): void;
  addNode(row: WorkflowRunNodeEntity): void;
}

export type RunRecordStatus = 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled';

/**
 * Builds one run's record from its frames as they pass: the run row at start, pause, resume
 * and end; a node row per node end frame (with its start frame's time); nodes still running
 * when the run ends get a row without `finished_at`.
 */
export class RunRecordObserver extends RunLifecycleObserver {
  private readonly row: WorkflowRunEntity;
  /** nodes started and not ended: node id → start time */
  private readonly running = new Map<string, { at: number; node: FrameNode }>();
  private readonly nodeUsage: TokenUsage = {
    prompt_tokens: 0,
    completion_tokens: 0,
    total_tokens: 0,
  };
  private seq = 0;

  constructor(
    run: ObservedRun,
    private readonly sink: RunRecordSink,
    onError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {
    super(onError);
    const started = new Date(this.now());
    this.row = {
      runId: run.eventId,
      parentRunId: run.parentRunId ?? null,
      sid: run.sid ?? null,
      flowId: run.flowId,
      version: run.version,
      appId: run.appId,
      uid: run.uid,
      chatId: run.chatId,
      mode: run.mode,
      status: 'running',
      updatedAt: started,
      ...openOutcome(started),
    };
    this.safely(() => this.sink.saveRun({ ...this.row }));
  }

  protected resumed(): void {
    this.setStatus('running');
  }

  protected paused(): void {
    this.setStatus('paused');
  }

  protected nodeStarted(node: FrameNode): void {
    // its start frame, or a chunk it streamed (which changes nothing)
    if (!this.running.has(node.id)) this.running.set(node.id, { at: this.now(), node });
  }

  protected nodeEnded(node: FrameNode, frame: RunFrame, attempts: NodeAttempts | undefined): void {
    const now = this.now();
    const durationMs = Math.round(node.executed_time * 1000);
    const started = this.running.get(node.id)?.at ?? now - durationMs;
    this.running.delete(node.id);
    if (node.usage) {
      this.nodeUsage.prompt_tokens += node.usage.prompt_tokens;
      this.nodeUsage.completion_tokens += node.usage.completion_tokens;
      this.nodeUsage.total_tokens += node.usage.total_tokens;
    }
    const failed = frame.code !== 0;
    this.sink.addNode({
      ...this.nodeRow(node, started),
      // a failed node's error outputs are what it has to show
      outputs: recordedJson(failed && isEmpty(node.outputs) ? node.error_outputs : node.outputs),
      finishedAt: new Date(now),
      durationMs,
      promptTokens: node.usage?.prompt_tokens ?? 0,
      completionTokens: node.usage?.completion_tokens ?? 0,
      totalTokens: node.usage?.total_tokens ?? 0,
      errorCode: failed ? frame.code : null,
      errorMessage: failed ? recordedMessage(frame.message) : null,
      retries: attempts?.retries ?? 0,
      retryErrorCode: attempts?.lastError?.code ?? null,
      retryErrorMessage: attempts?.lastError ? recordedMessage(attempts.lastError.message) : null,
    });
  }

  private nodeRow(node: FrameNode, started: number): WorkflowRunNodeEntity {
    return {
      id: newTimeOrderedId(),
      runId: this.row.runId,
      seq: this.seq++,
      nodeId: node.id,
      nodeType: nodeTypeOf(node.id),
      aliasName: node.alias_name,
      inputs: recordedJson(node.inputs),
      outputs: {},
      startedAt: new Date(started),
      finishedAt: null,
      durationMs: null,
      promptTokens: 0,
      completionTokens: 0,
      totalTokens: 0,
      errorCode: null,
      errorMessage: null,
      retries: 0,
      retryErrorCode: null,
      retryErrorMessage: null,
    };
  }

  private setStatus(status: RunRecordStatus): void {
    this.row.status = status;
    this.row.updatedAt = new Date(this.now());
    this.sink.saveRun({ ...this.row });
  }

  protected ended({ outcome, code, message, usage: stopUsage }: RunEnding): void {
    // the flow's own total when it ended well; else what the nodes that ended reported
    const usage = outcome === 'succeeded' && stopUsage ? stopUsage : this.nodeUsage;
    this.row.promptTokens = usage.prompt_tokens;
    this.row.completionTokens = usage.completion_tokens;
    this.row.totalTokens = usage.total_tokens;
    if (outcome !== 'succeeded') {
      this.row.errorCode = code ?? null;
      this.row.errorMessage = recordedMessage(message);
    }
    for (const { at, node } of this.running.values()) this.sink.addNode(this.nodeRow(node, at));
    this.running.clear();
    this.row.finishedAt = new Date(this.now());
    this.setStatus(outcome);
  }
}

function isEmpty(value: Record<string, unknown> | undefined): boolean {
  return !value || Object.keys(value).length === 0;
}
