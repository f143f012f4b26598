import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../../../core/errors/error-code';
import type { WorkflowRunEntity, WorkflowRunNodeEntity } from '../../../database/entities';
import type { FrameNode, RunFrame, TokenUsage } from '../../../engine';
import type { FrameObserver } from '../runner/observed-frames';
import { runFailureOf } from '../stream/error-frames';
import { FLOW_NODE_ID, isInterrupt, isTerminal, nodeTypeOf } from '../stream/frame-kind';
import { recordedJson, recordedMessage } from './record-json';

/** Who ran what: the identity of a recorded run. */
export interface RecordedRun {
  runId: string;
  parentRunId?: string;
  sid?: string;
  flowId: string;
  version: string;
  appId: string;
  uid: string;
  chatId: string;
  mode: string;
}

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
export class RunRecordObserver implements FrameObserver {
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
    run: RecordedRun,
    private readonly sink: RunRecordSink,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {
    const started = new Date(this.now());
    this.row = {
      runId: run.runId,
      parentRunId: run.parentRunId ?? null,
      sid: run.sid ?? null,
      flowId: run.flowId,
      version: run.version,
      appId: run.appId,
      uid: run.uid,
      chatId: run.chatId,
      mode: run.mode,
      status: 'running',
      startedAt: started,
      updatedAt: started,
      finishedAt: null,
      promptTokens: 0,
      completionTokens: 0,
      totalTokens: 0,
      errorCode: null,
      errorMessage: null,
    };
    this.safely(() => this.sink.saveRun({ ...this.row }));
  }

  frame(frame: RunFrame): void {
    this.safely(() => {
      if (this.over) return;
      if (this.row.status === 'paused') this.setStatus('running'); // the answer came
      const node = frame.workflow_step?.node;
      if (node && node.id !== FLOW_NODE_ID) this.nodeFrame(node, frame);
      if (!isTerminal(frame)) return;
      if (isInterrupt(frame)) this.setStatus('paused');
      else
        this.end(frame.code === 0 ? 'succeeded' : 'failed', frame.code, frame.message, frame.usage);
    });
  }

  failed(error: unknown): void {
    this.safely(() => {
      const failure = runFailureOf(error);
      this.end('failed', failure.code, failure.message);
    });
  }

  done(): void {
    // frames ran out without a terminal frame: the client got 20805
    this.safely(() =>
      this.end('failed', ErrorCode.OPEN_API_ERROR.code, 'run ended without a stop'),
    );
  }

  returned(): void {
    this.safely(() => this.end('cancelled', undefined, 'abandoned by its consumer'));
  }

  private get over(): boolean {
    return this.row.finishedAt !== null;
  }

  private nodeFrame(node: FrameNode, frame: RunFrame): void {
    if (node.finish_reason === undefined) {
      // start frame (or a streamed chunk, which changes nothing)
      if (!this.running.has(node.id)) this.running.set(node.id, { at: this.now(), node });
      return;
    }
    if (node.finish_reason !== 'stop') return;
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
    });
  }

  private nodeRow(node: FrameNode, started: number): WorkflowRunNodeEntity {
    return {
      id: randomUUID(),
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
    };
  }

  private setStatus(status: RunRecordStatus): void {
    this.row.status = status;
    this.row.updatedAt = new Date(this.now());
    this.sink.saveRun({ ...this.row });
  }

  private end(
    status: RunRecordStatus,
    code: number | undefined,
    message: string,
    stopUsage?: TokenUsage,
  ): void {
    if (this.over) return;
    // the flow's own total when it ended well; else what the nodes that ended reported
    const usage = status === 'succeeded' && stopUsage ? stopUsage : this.nodeUsage;
    this.row.promptTokens = usage.prompt_tokens;
    this.row.completionTokens = usage.completion_tokens;
    this.row.totalTokens = usage.total_tokens;
    if (status !== 'succeeded') {
      this.row.errorCode = code ?? null;
      this.row.errorMessage = recordedMessage(message);
    }
    for (const { at, node } of this.running.values()) this.sink.addNode(this.nodeRow(node, at));
    this.running.clear();
    this.row.finishedAt = new Date(this.now());
    this.setStatus(status);
  }

  /** Recording never breaks a run: a failure here is reported and the frame goes on. */
  private safely(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.onError(error);
    }
  }
}

function isEmpty(value: Record<string, unknown> | undefined): boolean {
  return !value || Object.keys(value).length === 0;
}
