import { COMPLETE, NOT_RUN, PROCESSING, SCHEDULED, STARTED } from '../graph/chain-state';
import type { NodeResult } from './node-result';
import type { ScopeRunView } from './scope-run-view';
import type { RunSnapshot } from './snapshot';

// JSON snapshot of the main scope of a run, and restoring one into a fresh scope run.

export function snapshotScope(scope: ScopeRunView): RunSnapshot {
  const nodes: RunSnapshot['nodes'] = {};
  scope.shared.workflow.nodes.forEach((node, i) => {
    const flags = scope.state.status[i];
    if (flags & NOT_RUN) nodes[node.id] = { status: 'pruned' };
    else if (flags & COMPLETE && scope.results.has(i)) {
      nodes[node.id] = {
        status: 'complete',
        result: scope.results.get(i) as NodeResult,
        routedToFail: scope.routedToFail.has(i),
      };
    }
  });
  const inactiveChains: number[] = [];
  scope.state.inactive.forEach((flag, i) => flag && inactiveChains.push(i));
  return {
    version: 1,
    pool: scope.pool.toJSON(),
    nodes,
    inactiveChains,
    waiting: Object.fromEntries(scope.shared.waiting),
    usage: { ...scope.shared.usage },
    parameters: { ...scope.parameters },
  };
}

export function restoreScope(scope: ScopeRunView, snapshot: RunSnapshot): void {
  const { state } = scope;
  const { byId } = scope.shared.workflow;
  for (const chain of snapshot.inactiveChains) {
    if (chain < state.inactive.length && !state.inactive[chain]) {
      state.inactive[chain] = 1;
      state.inactiveLength += scope.scope.chains.chains[chain].length;
    }
  }
  for (const [id, entry] of Object.entries(snapshot.nodes)) {
    const node = byId.get(id);
    if (!node || node.scope !== scope.scope.owner) continue;
    if (entry.status === 'pruned') {
      state.status[node.index] |= NOT_RUN | PROCESSING | COMPLETE | SCHEDULED;
      continue;
    }
    state.status[node.index] |= PROCESSING | STARTED | COMPLETE;
    scope.results.set(node.index, entry.result);
    if (entry.routedToFail) scope.routedToFail.add(node.index);
    scope.restored.add(node.index);
  }
}
