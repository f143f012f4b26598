import type { RunOutcomeLabel, ServiceMetrics } from '../../core/telemetry/service-metrics';
import type { SpanContext } from '../../core/telemetry/trace-context';
import { nowNs, type ActiveSpan, type Tracer } from '../../core/telemetry/tracer';
import type { FrameNode, NodeAttempts, RunFrame } from '../../engine';
import { nodeTypeOf } from '../run/stream/frame-kind';
import { RunLifecycleObserver, type RunEnding } from '../run/runner/run-lifecycle-observer';
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
export class RunObserver extends RunLifecycleObserver {
  private readonly started = performance.now();
  private readonly span?: ActiveSpan;
  /** model nodes started and waiting for their first text: node id → start time (ms) */
  private readonly firstTokenWaits = new Map<string, number>();

  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly tracer: Tracer,
    private readonly info: RunInfo,
    caller: SpanContext | undefined,
    onError: (error: unknown) => void,
  ) {
    super(onError);
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

  protected resumed(): void {
    this.metrics.liveRuns.inc({ mode: this.info.mode });
  }

  protected nodeStarted(node: FrameNode): void {
    // a model node streams through the output nodes, not frames of its own: its first frame
    // without a finish reason is its start
    if (MODEL_NODE_TYPES.has(nodeTypeOf(node.id)) && !this.firstTokenWaits.has(node.id)) {
      this.firstTokenWaits.set(node.id, performance.now());
    }
  }

  protected nodeEnded(node: FrameNode, frame: RunFrame, attempts: NodeAttempts | undefined): void {
    const type = nodeTypeOf(node.id);
    const seconds = node.executed_time;
    if (this.firstTokenWaits.delete(node.id) && frame.code === 0) {
      // nothing streamed: the whole answer was its first token
      this.metrics.timeToFirstToken.observe({ node_type: type }, seconds);
    }
    this.metrics.nodeDuration.observe({ node_type: type }, seconds);
    if (frame.code !== 0) {
      this.metrics.nodeFailures.inc({ node_type: type, code: String(frame.code) });
    }
    if (attempts && attempts.retries > 0) {
      this.metrics.nodeRetries.inc({ node_type: type }, attempts.retries);
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

  protected override textStreamed(): void {
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

  protected paused(): void {
    this.metrics.liveRuns.dec({ mode: this.info.mode });
    this.count('paused');
  }

  protected ended({ outcome, code, message, fromPause }: RunEnding): void {
    // a paused run left the live ones when it paused
    if (!fromPause) this.metrics.liveRuns.dec({ mode: this.info.mode });
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
}
