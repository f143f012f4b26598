import { AppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';
import type { BuiltNode } from '../dsl/built-workflow';
import { COMPLETE, NOT_RUN, PROCESSING } from '../graph/chain-state';
import { elapsedSeconds, processFrame } from './frames';
import type { StreamChunk } from './node-result';
import type { OutputLane } from './output-orderer';
import type { OutputNodeSupport } from './run-context';
import type { ScopeRunView } from './scope-run-view';

/** Engine helpers for message / node-end executors (docs/engine.md#scheduling). */
export class OutputSupport implements OutputNodeSupport {
  constructor(
    private readonly scope: ScopeRunView,
    private readonly node: BuiltNode,
    private readonly lane: OutputLane | undefined,
  ) {}

  emitProcess(content: string, reasoning: string, ext?: Record<string, unknown>): void {
    if (!this.lane) {
      throw new AppException(ErrorCode.NODE_RUN_ERROR, `${this.node.id} is not an output node`);
    }
    const { shared } = this.scope;
    const started = this.scope.startTimes.get(this.node.index) ?? shared.now();
    this.lane.push(
      processFrame(
        this.node,
        shared.progress(this.node.index),
        elapsedSeconds(started, shared.now()),
        content,
        reasoning,
        ext,
      ),
    );
  }

  async waitFor(nodeId: string, state: 'processing' | 'complete'): Promise<'ran' | 'pruned'> {
    const producer = this.scope.shared.workflow.byId.get(nodeId);
    if (!producer || producer.scope !== this.scope.scope.owner) return 'ran';
    if (this.scope.state.chains.occurrences[producer.index].length === 0) return 'pruned';
    const flag = state === 'processing' ? PROCESSING : COMPLETE;
    const i = producer.index;
    await this.scope.until(() => this.scope.has(i, flag));
    return this.scope.has(i, NOT_RUN) ? 'pruned' : 'ran';
  }

  isStreaming(nodeId: string, outputName: string): boolean {
    const producer = this.scope.shared.workflow.byId.get(nodeId);
    if (!producer) return false;
    const deps = this.scope.shared.workflow.outputDeps.get(this.node.index);
    if (!deps?.dataDeps.includes(producer.index)) return false;
    return producer.traits.streamProducer?.(producer.params, outputName) ?? false;
  }

  drain(nodeId: string, take: (chunk: StreamChunk) => boolean): Promise<StreamChunk | undefined> {
    const producer = this.scope.shared.workflow.byId.get(nodeId);
    if (!producer) return Promise.resolve(undefined);
    return this.scope.queue(this.node.index, producer.index).drain(this.scope.signal, take);
  }

  async waitDataDeps(): Promise<void> {
    const deps = this.scope.shared.workflow.outputDeps.get(this.node.index);
    for (const dep of deps?.dataDeps ?? []) {
      if (!this.scope.has(dep, COMPLETE))
        await this.scope.until(() => this.scope.has(dep, COMPLETE));
    }
  }
}
