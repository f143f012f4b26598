import type { ChainSet } from '../graph/chains';
import type { GraphIndex } from '../graph/graph-index';
import type { OutputDeps } from '../graph/output-deps';
import type { NodeDefinition, NodeInput, NodeOutput, RetryPolicy } from './dsl.types';
import type { ExecutorTraits } from './executor-traits';

/** One compiled node. Immutable; shared by every run of the workflow. */
export interface BuiltNode<P = unknown> extends NodeDefinition {
  /** position in `BuiltWorkflow.nodes` (the engine's per-run state is indexed by it) */
  readonly index: number;
  readonly inputByName: ReadonlyMap<string, NodeInput>;
  readonly outputByName: ReadonlyMap<string, NodeOutput>;
  /** what the executor's compile step returned */
  readonly params: P;
  readonly retry: RetryPolicy;
  /** the node type's traits (its executor is found by `type`: runtime/node-executor.ts) */
  readonly traits: ExecutorTraits<P>;
  /** index of the iteration node whose body holds this node, -1 for the main graph */
  readonly scope: number;
}

/** A (sub-)graph the scheduler runs: the main flow or one iteration body. */
export interface GraphScope {
  /** -1 for the main graph, else the iteration node's index */
  readonly owner: number;
  readonly entry: number;
  readonly chains: ChainSet;
  /** the scope's nodes (those on its chains) */
  readonly members: readonly number[];
}

/** The compiled flow: immutable and reusable across runs (cache it). */
export interface BuiltWorkflow {
  readonly nodes: readonly BuiltNode[];
  readonly byId: ReadonlyMap<string, BuiltNode>;
  readonly graph: GraphIndex;
  readonly main: GraphScope;
  /** iteration node index → its body scope */
  readonly bodies: ReadonlyMap<number, GraphScope>;
  /** output node index → its dependency info (docs/engine.md#output-nodes) */
  readonly outputDeps: ReadonlyMap<number, OutputDeps>;
  /** node index → output nodes to pre-start just before it executes (docs/engine.md#output-nodes) */
  readonly preStart: readonly (readonly number[])[];
  /** producer index → output nodes (same scope) that list it as a data dependency */
  readonly consumers: readonly (readonly number[])[];
  /** node index → is an output-ordering barrier */
  readonly barrier: readonly boolean[];
}
