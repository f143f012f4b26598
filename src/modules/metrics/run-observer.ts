import { ErrorCode } from '../../core/errors/error-code';
import type { RunOutcomeLabel, ServiceMetrics } from '../../core/telemetry/service-metrics';
import type { SpanContext } from '../../core/telemetry/trace-context';
import { nowNs, type ActiveSpan, type Tracer } from '../../core/telemetry/tracer';
import type { FrameNode, RunFrame } from '../../engine';
import { runFailureOf } from '../run/stream/error-frames';
import {
  FLOW_NODE_ID,
  hasText,
  isInterrupt,
  isTerminal,
  nodeTypeOf,
} from '../run/stream/frame-kind';
import type { FrameObserver } from '../run/runner/observed-frames';
import type { RunInfo } from '../run/runner/run-observers';

/** Node types that call a model themselves: their start opens a time-to-first-token wait. */
const MODEL_NODE_TYPES = new Set(['spark-llm', 'decision-making', 'extractor-parameter']);
/** Node types whose end-frame usage is model tokens of their own (a sub-flow's usage is not:
 * its nodes report theirs). */
const TOKEN_NODE_TYPES = new Set([...MODEL_NODE_TYPES, 'agent', 'knowledge-pro-base']);

/**
 * One run's metrics and spans, read off its frames (docs/operations.md): outcome and duration
 * at its stop frame, its interrupt (paused), the consumer giving up (cancelled) or a raised
 * error (failed); per node end frame its duration, failure, tokens and span; time to first
 * token from a model node's start frame to the first answer text after it (or to its end frame
 * when nothing was streamed).
 */
export class RunObserver implements FrameObserver {
  private readonly started = performance.now();
  private state: 'running' | 'paused' | 'over' = 'running';
  private readonly span?: ActiveSpan;
  /** model nodes started and waiting for their first text: node id → start time (ms) */
  private readonly firstTokenWaits = new Map<string, number>();

  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly tracer: Tracer,
    private readonly info: RunInfo,
    caller: SpanContext | undefined,
    private readonly onError: (error: unknown) => void,
  ) {
    metrics.liveRuns.inc({ mode: info.mode });
    if (tracer.enabled) {
      this.span = tracer.start('workflow.run', {
        kind: 'server',
        parent: caller,
        attributes: {
          'workflow.flow_id': info.flowId,
          'workflow.app_id': info.appId,
          'workflow.mode': info.mode,
          'workflow.event_id': info.eventId,
        },
      });
    }
  }

  frame(frame: RunFrame): void {
    this.safely(() => {
      if (this.state === 'over') return;
      if (this.state === 'paused') {
        // the answer came: the run executes again
        this.state = 'running';
        this.metrics.liveRuns.inc({ mode: this.info.mode });
      }
      if (hasText(frame)) this.firstText();
      const node = frame.workflow_step?.node;
      if (node && node.id !== FLOW_NODE_ID) this.nodeFrame(node, frame);
      if (!isTerminal(frame)) return;
      if (isInterrupt(frame)) this.pause();
      else this.end(frame.code === 0 ? 'succeeded' : 'failed', frame.code, frame.message);
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

  private nodeFrame(node: FrameNode, frame: RunFrame): void {
    const type = nodeTypeOf(node.id);
    if (node.finish_reason === undefined) {
      // a model node's frames without a finish reason are its start frame (it streams through
      // the output nodes, not frames of its own)
      if (MODEL_NODE_TYPES.has(type) && !this.firstTokenWaits.has(node.id)) {
        this.firstTokenWaits.set(node.id, performance.now());
      }
      return;
    }
    if (node.finish_reason !== 'stop') return;
    const seconds = node.executed_time;
    if (this.firstTokenWaits.delete(node.id) && frame.code === 0) {
      // nothing streamed: the whole answer was its first token
      this.metrics.timeToFirstToken.observe({ node_type: type }, seconds);
    }
    this.metrics.nodeDuration.observe({ node_type: type }, seconds);
    if (frame.code !== 0) {
      this.metrics.nodeFailures.inc({ node_type: type, code: String(frame.code) });
    }
    if (node.usage && TOKEN_NODE_TYPES.has(type)) {
      if (node.usage.prompt_tokens > 0) {
        this.metrics.modelTokens.inc({ node_type: type, kind: 'prompt' }, node.usage.prompt_tokens);
      }
      if (node.usage.completion_tokens > 0) {
        this.metrics.modelTokens.inc(
          { node_type: type, kind: 'completion' },
          node.usage.completion_tokens,
        );
      }
    }
    if (this.span) this.nodeSpan(node, type, frame);
  }

  /** The node's span, ended now and started `executed_time` before (the engine's own clock). */
  private nodeSpan(node: FrameNode, type: string, frame: RunFrame): void {
    const end = nowNs();
    const start = end - BigInt(Math.round(node.executed_time * 1e9));
    this.tracer
      .start(`workflow.node ${type}`, {
        parent: this.span!.context,
        startNs: start,
        attributes: {
          'workflow.flow_id': this.info.flowId,
          'workflow.app_id': this.info.appId,
          'workflow.mode': this.info.mode,
          'workflow.event_id': this.info.eventId,
          'workflow.node.id': node.id,
          'workflow.node.type': type,
          'workflow.code': frame.code,
        },
      })
      .end(frame.code === 0 ? { ok: true } : { ok: false, message: frame.message }, end);
  }

  private firstText(): void {
    if (this.firstTokenWaits.size === 0) return;
    const now = performance.now();
    for (const [nodeId, started] of this.firstTokenWaits) {
      this.metrics.timeToFirstToken.observe(
        { node_type: nodeTypeOf(nodeId) },
        (now - started) / 1000,
      );
    }
    this.firstTokenWaits.clear();
  }

  private pause(): void {
    this.state = 'paused';
    this.metrics.liveRuns.dec({ mode: this.info.mode });
    this.count('paused');
  }

  private end(outcome: RunOutcomeLabel, code: number | undefined, message: string): void {
    if (this.state === 'over') return;
    if (this.state === 'running') this.metrics.liveRuns.dec({ mode: this.info.mode });
    this.state = 'over';
    this.count(outcome);
    if (!this.span) return;
    this.span.setAttribute('workflow.outcome', outcome);
    if (code !== undefined) this.span.setAttribute('workflow.code', code);
    this.span.end(outcome === 'succeeded' ? { ok: true } : { ok: false, message });
  }

  private count(outcome: RunOutcomeLabel): void {
    const labels = { mode: this.info.mode, outcome };
    this.metrics.runs.inc(labels);
    this.metrics.runDuration.observe(labels, (performance.now() - this.started) / 1000);
  }

  /** Telemetry never breaks a run: a failure here is reported and the frame goes on. */
  private safely(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.onError(error);
    }
  }
}
