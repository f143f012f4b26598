import { AppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';
import type { BuiltNode, GraphScope } from '../dsl/built-workflow';
import {
  COMPLETE,
  createChainState,
  NOT_RUN,
  predecessorsDone,
  PRESTARTED,
  PROCESSING,
  pruneTargets,
  SCHEDULED,
  STARTED,
  type ChainState,
} from '../graph/chain-state';
import { chooseSuccessors } from '../graph/successors';
import type { VariablePool } from '../variables/variable-pool';
import type { NodeResult, StreamChunk } from './node-result';
import { runNode } from './node-runner';
import { runOutputNode } from './output-runner';
import type { RunShared } from './run-shared';
import type { RunSnapshot } from './snapshot';
import { restoreScope, snapshotScope } from './scope-snapshot';
import type { ScopeRunView } from './scope-run-view';
import { StreamQueue } from './stream-queue';

// One run of a graph scope (the main flow, or one iteration element): the visit algorithm of
// docs/engine.md#run-algorithm with predecessor waiting (docs/engine.md#waiting-for-predecessors), successor choice (docs/engine.md#choosing-successors), pruning (docs/engine.md#pruning)
// and output-node pre-start (docs/engine.md#output-nodes). Single-threaded: every state change and the pruning it
// causes happen synchronously, then waiters are re-checked.

interface Waiter {
  readonly ready: () => boolean;
  readonly resolve: () => void;
}

const TERMINAL = new Set(['node-end', 'iteration-node-end']);

export class ScopeRun implements ScopeRunView {
  readonly state: ChainState;
  readonly controller = new AbortController();
  readonly results = new Map<number, NodeResult>();
  readonly routedToFail = new Set<number>();
  readonly startTimes = new Map<number, number>();
  endResult: NodeResult | undefined;
  /** nodes restored complete from a snapshot, replayed (without frames) by their visit */
  readonly restored = new Set<number>();
  private waiters: Waiter[] = [];
  private readonly queues = new Map<number, StreamQueue>();
  private pending = 0;
  private failure: unknown = undefined;
  private finish: () => void = () => undefined;
  private readonly finished = new Promise<void>((resolve) => (this.finish = resolve));

  constructor(
    readonly shared: RunShared,
    readonly scope: GraphScope,
    readonly pool: VariablePool,
    parentSignal: AbortSignal,
    readonly parameters: Readonly<Record<string, unknown>>,
  ) {
    this.state = createChainState(scope.chains, shared.workflow.nodes.length);
    const onAbort = () => this.stop(parentSignal.reason);
    if (parentSignal.aborted) queueMicrotask(onAbort);
    else {
      parentSignal.addEventListener('abort', onAbort, { once: true });
      this.detach = () => parentSignal.removeEventListener('abort', onAbort);
    }
  }

  private detach: () => void = () => undefined;

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stopped(): boolean {
    return this.failure !== undefined;
  }

  node(index: number): BuiltNode {
    return this.shared.workflow.nodes[index];
  }

  /** Runs the scope to completion; resolves with the end node's result (if any). */
  async run(): Promise<NodeResult | undefined> {
    this.spawnVisit(this.scope.entry);
    await this.finished;
    this.detach();
    if (this.failure !== undefined) throw this.failure;
    return this.endResult;
  }

  // ---- waiting ----

  until(ready: () => boolean): Promise<void> {
    if (ready() || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ ready, resolve }));
  }

  notify(): void {
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    const woken: Waiter[] = [];
    for (const waiter of this.waiters) (waiter.ready() ? woken : still).push(waiter);
    this.waiters = still;
    for (const waiter of woken) waiter.resolve();
  }

  has(node: number, flag: number): boolean {
    return (this.state.status[node] & flag) !== 0;
  }

  // ---- tasks ----

  spawn(task: () => Promise<void>): void {
    this.pending += 1;
    task()
      .catch((error: unknown) => this.stop(error))
      .finally(() => {
        this.pending -= 1;
        if (this.pending === 0) this.finish();
      });
  }

  private spawnVisit(node: number): void {
    this.state.status[node] |= SCHEDULED;
    this.spawn(() => this.visit(node));
  }

  /** Stop the scope: first failure wins; waiters are released; pending calls are aborted. */
  stop(error: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = error ?? new Error('aborted');
    this.controller.abort(this.failure);
    for (const queue of this.queues.values()) queue.end();
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.resolve();
    this.finish();
  }

  // ---- the visit (docs/engine.md#run-algorithm) ----

  private async visit(n: number): Promise<void> {
    const status = this.state.status;
    const node = this.node(n);
    if (this.restored.has(n)) {
      this.restored.delete(n);
      const result = this.results.get(n);
      this.scheduleAfter(n, result, this.routedToFail.has(n));
      return;
    }
    if (status[n] & PROCESSING && !(status[n] & PRESTARTED)) return;
    if (!node.traits.entry && !predecessorsDone(this.state, n)) {
      await this.until(() => predecessorsDone(this.state, n));
    }
    if (this.stopped || status[n] & NOT_RUN) return;
    if (node.traits.outputNode) {
      this.claimOutput(n);
      this.scheduleActive(this.shared.workflow.graph.normal[n]);
      return;
    }
    status[n] |= PROCESSING | STARTED;
    const { result, routedToFail } = await runNode(this, n);
    if (this.stopped) return;
    this.complete(n, result, routedToFail);
  }

  /** Record a finished node: choose successors, prune, mark complete, schedule (docs/engine.md#run-algorithm). */
  complete(n: number, result: NodeResult, routedToFail: boolean): void {
    this.results.set(n, result);
    if (routedToFail) this.routedToFail.add(n);
    this.scheduleAfter(n, result, routedToFail);
  }

  private scheduleAfter(n: number, result: NodeResult | undefined, routedToFail: boolean): void {
    const node = this.node(n);
    const { traits } = node;
    const choice = chooseSuccessors(this.shared.workflow.graph, n, routedToFail, {
      branching: traits.branching?.(node.params) ?? false,
      handle: result?.branchHandle,
      hasResult: result !== undefined,
      fallbackHandle: traits.fallbackHandle?.(node.params),
    });
    this.prune(n, choice.inactive);
    this.state.status[n] |= COMPLETE;
    if (choice.active.length === 0 && result && TERMINAL.has(node.type)) {
      this.endResult ??= result;
    }
    this.notify();
    this.scheduleActive(choice.active);
  }

  private scheduleActive(targets: readonly number[]): void {
    for (const target of targets) {
      if (!(this.state.status[target] & SCHEDULED)) this.spawnVisit(target);
    }
  }

  prune(from: number, targets: readonly number[]): void {
    if (targets.length === 0) return;
    const { graph, nodes } = this.shared.workflow;
    pruneTargets(this.state, from, targets, graph.all, (i) => TERMINAL.has(nodes[i].type));
  }

  // ---- output nodes (docs/engine.md#output-nodes) ----

  /** called by the node runner right after the node's start frame (tasks start after it) */
  preStartFor(n: number): void {
    for (const output of this.shared.workflow.preStart[n]) {
      if (!(this.state.status[output] & PROCESSING)) this.claimOutput(output);
    }
  }

  private claimOutput(n: number): void {
    const status = this.state.status;
    if (status[n] & PROCESSING) return;
    status[n] |= PRESTARTED | PROCESSING;
    this.spawn(() => runOutputNode(this, n));
  }

  /** An output node finished (or was cancelled): visible together with its result. */
  completeOutput(n: number, result: NodeResult | undefined): void {
    if (result) this.results.set(n, result);
    this.state.status[n] |= COMPLETE;
    if (result && this.node(n).type === 'node-end') this.endResult ??= result;
    this.notify();
  }

  // ---- streams (docs/engine.md#output-rendering) ----

  queue(consumer: number, producer: number): StreamQueue {
    const key = consumer * this.state.chains.size + producer;
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new StreamQueue();
      if (this.stopped) queue.end();
      this.queues.set(key, queue);
    }
    return queue;
  }

  pushStream(producer: number, chunk: StreamChunk): void {
    for (const consumer of this.shared.workflow.consumers[producer]) {
      this.queue(consumer, producer).push(chunk);
    }
  }

  /** success → end marker; handled failure → error sentinel (docs/engine.md#attempt-loop) */
  closeStreams(producer: number, sentinel: boolean): void {
    this.pushStream(producer, {
      content: '',
      reasoningContent: '',
      ...(sentinel ? { code: -1 } : { end: true }),
    });
  }

  /** the first frame of a stream-group node deactivates its fail branch (docs/engine.md#attempt-loop step 1) */
  dropFailBranch(producer: number): void {
    this.prune(producer, this.shared.workflow.graph.fail[producer]);
    this.notify();
  }

  // ---- iteration bodies (docs/engine.md#iteration-execution) ----

  async runBody(
    iteration: number,
    pool: VariablePool,
    params: Record<string, unknown>,
  ): Promise<NodeResult> {
    const body = this.shared.workflow.bodies.get(iteration);
    if (!body) throw new AppException(ErrorCode.ITERATION_EXECUTION_ERROR, 'iteration has no body');
    const sub = new ScopeRun(this.shared, body, pool, this.signal, params);
    const end = await sub.run();
    if (!end) {
      throw new AppException(ErrorCode.ENG_RUN_ERROR, 'End node did not return result');
    }
    return end;
  }

  // ---- snapshots (see scope-snapshot.ts) ----

  snapshot(): RunSnapshot {
    return snapshotScope(this);
  }

  restore(snapshot: RunSnapshot): void {
    restoreScope(this, snapshot);
  }
}
