// What a node type tells the build and the scheduler about its nodes. Plain data and pure
// functions of the compiled params: a built node carries them, while the executor itself is
// found by the node's type (runtime/node-executor.ts), so the compiled flow does not import it.

export interface ExecutorTraits<P> {
  /** error-handling group when retryConfig.shouldRetry is on (docs/engine.md#error-handling-groups); absent = not eligible */
  errorGroup?: 'stream' | 'non-stream';
  /** the node picks one of its handles (`branchHandle` of its result) */
  branching?: (params: P) => boolean;
  /** handle to follow when the chosen handle has no successors (decision `default` intent) */
  fallbackHandle?: (params: P) => string | undefined;
  /** always an output-ordering barrier (if-else, decision-making, question-answer) */
  barrier?: boolean;
  /** message / node-end: pre-started, ordered, renders its own frames */
  outputNode?: boolean;
  /** entry node of a (sub-)graph: never waits for predecessors */
  entry?: boolean;
  /** can stream this output to output nodes while running (docs/nodes.md#streaming-producers) */
  streamProducer?: (params: P, outputName: string) => boolean;
  /** iteration: id of the body's `iteration-node-start` node */
  bodyStartId?: (params: P) => string;
  /** the node writes no outputs to the pool (node-end) */
  writesNothing?: boolean;
  /** result `inputs` are written to the pool as outputs (node-start) */
  inputsAreOutputs?: boolean;
}
