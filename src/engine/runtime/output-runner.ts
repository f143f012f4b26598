import { COMPLETE, NOT_RUN, STARTED } from '../graph/chain-state';
import { executorFor } from './node-executor';
import { elapsedSeconds, nodeEndFrame, nodeStartFrame } from './frames';
import { NodeContext } from './node-context';
import { asNodeError } from './node-error';
import type { ScopeRunView } from './scope-run-view';

// An output node's task (docs/engine.md#output-nodes): wait for barrier deps (cancel silently if
// pruned meanwhile), then start frame → executor (renders, streams) → end frame, all through
// the node's own lane of the output reorderer (docs/engine.md#output-ordering).

export async function runOutputNode(scope: ScopeRunView, n: number): Promise<void> {
  // start like a newly created task: after the node that launched it has run its
  // synchronous part (the reference's create_task), so its start frame comes first
  await new Promise<void>((resolve) => setImmediate(resolve));
  const { shared } = scope;
  const node = scope.node(n);
  const deps = shared.workflow.outputDeps.get(n);
  for (const barrier of deps?.barrierDeps ?? []) {
    if (!scope.has(barrier, COMPLETE)) await scope.until(() => scope.has(barrier, COMPLETE));
    if (scope.stopped || scope.has(n, NOT_RUN)) return;
  }
  if (scope.stopped || scope.has(n, NOT_RUN)) return;
  scope.state.status[n] |= STARTED;
  const started = shared.now();
  scope.startTimes.set(n, started);
  const lane = shared.orderer.open();
  lane.push(nodeStartFrame(node, shared.progress(n)));
  const ctx = new NodeContext(scope, node, scope.signal, undefined, lane);
  let result;
  try {
    result = await executorFor(node.type).execute(node, ctx);
  } catch (error) {
    if (scope.signal.aborted) throw error;
    throw asNodeError(error);
  }
  if (scope.stopped) return;
  if (result.status === 'cancelled') {
    lane.close();
    scope.completeOutput(n, undefined);
    return;
  }
  if (!node.traits.writesNothing) scope.pool.write(node, result.outputs);
  lane.push(nodeEndFrame(node, result, shared.progress(n), elapsedSeconds(started, shared.now())));
  lane.close();
  scope.completeOutput(n, result);
}
