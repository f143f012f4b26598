import type { BuiltNode, BuiltWorkflow } from '../dsl/built-workflow';
import type { HistoryItem } from './history-item';
import { resolveAllInputs, resolveInput } from '../variables/resolve-input';
import { renderDisplay, renderPrompt } from '../variables/template';
import type { VariablePool } from '../variables/variable-pool';
import type { EngineServiceName, EngineServices } from './engine-services';
import { elapsedSeconds, interruptFrame, nodeStartFrame } from './frames';
import type { NodeResult, StreamChunk } from './node-result';
import { OutputSupport } from './output-support';
import type { OutputLane } from './output-orderer';
import type { NodeRunContext, OutputNodeSupport, SystemVariables } from './run-context';
import type { InterruptEventData } from './run-frame';
import type { ScopeRunView } from './scope-run-view';

/** The NodeRunContext of one node execution (a class: cheap to create on the hot path). */
export class NodeContext implements NodeRunContext {
  /** set once the node pushed a stream frame (retries and fallbacks are then off, docs/engine.md#attempt-loop) */
  streamed = false;
  private iterationBase: VariablePool | undefined;
  private outputSupport: OutputSupport | undefined;

  constructor(
    private readonly scope: ScopeRunView,
    readonly node: BuiltNode,
    readonly signal: AbortSignal,
    readonly resumeState: unknown,
    private readonly lane?: OutputLane,
  ) {}

  get workflow(): BuiltWorkflow {
    return this.scope.shared.workflow;
  }

  get system(): SystemVariables {
    return this.scope.shared.system;
  }

  get sandboxTenant(): string {
    const { input, system } = this.scope.shared;
    return input.sandboxTenant ?? system.appId;
  }

  get sandboxCaller(): string {
    const { input, system } = this.scope.shared;
    return input.sandboxCaller ?? system.appId;
  }

  get callChain(): readonly string[] {
    const { input, system } = this.scope.shared;
    return [...(input.callChain ?? []), system.flowId];
  }

  get history(): readonly HistoryItem[] {
    return this.scope.shared.history;
  }

  get services(): Partial<EngineServices> {
    return this.scope.shared.services;
  }

  get parameters(): Readonly<Record<string, unknown>> {
    return this.scope.parameters;
  }

  service<K extends EngineServiceName>(name: K): EngineServices[K] {
    return this.scope.shared.service(name);
  }

  now(): number {
    return this.scope.shared.now();
  }

  input(name: string): unknown {
    return resolveInput(this.workflow, this.scope.pool, this.node, name);
  }

  resolveInputs(): Record<string, unknown> {
    return resolveAllInputs(this.workflow, this.scope.pool, this.node);
  }

  readRef(nodeId: string, path: string): unknown {
    const producer = this.workflow.byId.get(nodeId);
    if (!producer) throw new Error(`get variable error: node ${nodeId} not found`);
    return this.scope.pool.resolve(producer, path);
  }

  renderDisplay(template: string): string {
    return renderDisplay(template, this.node.inputByName, (root) => this.input(root));
  }

  renderPrompt(template: string): string {
    return renderPrompt(template, this.node.inputByName, (root) => this.input(root));
  }

  pushStream(chunk: StreamChunk): void {
    if (this.signal.aborted) return;
    if (!this.streamed) {
      this.streamed = true;
      if (this.node.retry.enabled) this.scope.dropFailBranch(this.node.index);
    }
    this.scope.pushStream(this.node.index, chunk);
  }

  emitNodeStart(): void {
    const { shared } = this.scope;
    shared.emit(nodeStartFrame(this.node, shared.progress(this.node.index)));
  }

  emitInterrupt(eventData: InterruptEventData): void {
    const { shared } = this.scope;
    const started = this.scope.startTimes.get(this.node.index) ?? shared.now();
    shared.emit(
      interruptFrame(
        this.node,
        shared.progress(this.node.index),
        elapsedSeconds(started, shared.now()),
        eventData,
      ),
    );
  }

  setWaitState(state: unknown): void {
    this.scope.shared.setWaiting(this.node.id, state);
  }

  withQuestionLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.scope.shared.withQuestionLock(fn);
  }

  get output(): OutputNodeSupport {
    this.outputSupport ??= new OutputSupport(this.scope, this.node, this.lane);
    return this.outputSupport;
  }

  runBody(params: Record<string, unknown>): Promise<NodeResult> {
    // every element starts from the pool as it was when the iteration node started (docs/engine.md#iteration-variables)
    this.iterationBase ??= this.scope.pool.fork();
    return this.scope.runBody(this.node.index, this.iterationBase.fork(), params);
  }
}
