import { isAppException } from '../errors/engine-error';
import { buildGraphIndex, findCycle, type IndexedEdge } from '../graph/graph-index';
import { computeOutputDeps, preStartTable, type OutputDeps } from '../graph/output-deps';
import { compilerFor } from './node-compilers';
import type { BuiltNode, BuiltWorkflow, GraphScope } from './built-workflow';
import { buildError, genericBuildError, nodeProtocolError } from './build-errors';
import { parseFlow } from './parse-dsl';
import { retryPolicyOf } from './retry-config';
import { layoutScopes } from './scopes';
import { validateReferences } from './validate-references';

// buildWorkflow: DSL → immutable BuiltWorkflow (docs/engine.md#build-and-validation), plus the checks the
// reference misses (cycles, missing start/end, unknown refs, fail strategy without fail edge).

export function buildWorkflow(dsl: unknown): BuiltWorkflow {
  const flow = parseFlow(dsl);
  const nodes: BuiltNode[] = flow.nodes.map((def, index) => {
    const executor = compilerFor(def.type);
    let params: unknown;
    try {
      params = executor.compile(def);
    } catch (error) {
      if (isAppException(error)) throw error;
      throw genericBuildError(error instanceof Error ? error.message : String(error));
    }
    return {
      ...def,
      index,
      inputByName: new Map(def.inputs.map((input) => [input.name, input])),
      outputByName: new Map(def.outputs.map((output) => [output.name, output])),
      params,
      retry: retryPolicyOf(def, executor.traits?.errorGroup),
      traits: executor.traits ?? {},
      scope: -1,
    };
  });
  const byId = new Map<string, BuiltNode>();
  for (const node of nodes) {
    if (byId.has(node.id)) throw buildError(`Node: ${node.id} duplicate build`);
    byId.set(node.id, node);
  }
  const bodyStarts = new Map<number, number>();
  for (const node of nodes) {
    const bodyStartId = node.traits.bodyStartId?.(node.params);
    if (bodyStartId === undefined) continue;
    const bodyStart = byId.get(bodyStartId);
    if (!bodyStart) throw buildError(`Iteration start node: ${bodyStartId} does not exist`);
    bodyStarts.set(node.index, bodyStart.index);
  }
  const edges: IndexedEdge[] = flow.edges.map((edge) => {
    const source = byId.get(edge.source);
    if (!source) throw buildError(`Node not found ${edge.source}`);
    const target = byId.get(edge.target);
    if (!target) throw buildError(`Node not found ${edge.target}`);
    return { source: source.index, target: target.index, handle: edge.handle };
  });
  const graph = buildGraphIndex(nodes.length, edges);
  const ids = nodes.map((node) => node.id);
  const cycle = findCycle(
    nodes.map((node) => node.index),
    graph.all,
  );
  if (cycle) throw buildError(`Cycle detected: ${cycle.map((i) => ids[i]).join(' -> ')}`);

  const starts = nodes.filter((node) => node.type === 'node-start');
  if (starts.length === 0) throw buildError('Start node does not exist');
  if (starts.length > 1)
    throw buildError(`More than one start node: ${starts.map((n) => n.id).join(', ')}`);
  const layout = layoutScopes(graph, starts[0].index, bodyStarts, ids);
  const scoped = nodes.map((node) => ({ ...node, scope: layout.scopeOf[node.index] }));
  checkEndNodes(scoped, layout.main, layout.bodies);

  for (const node of scoped) {
    if (node.retry.enabled && node.retry.strategy === 2 && graph.fail[node.index].length === 0) {
      throw nodeProtocolError(
        `Node: ${node.id} uses the fail-branch error strategy but has no fail edge`,
      );
    }
  }
  const scopedById = new Map(scoped.map((node) => [node.id, node]));
  validateReferences(scoped, scopedById, graph);

  const scopeOfNode = (node: BuiltNode): GraphScope | undefined =>
    node.scope === -1 ? layout.main : layout.bodies.get(node.scope);
  const barrier = scoped.map((node) => isBarrier(node, layout.bodies, scoped));
  const outputDeps = new Map<number, OutputDeps>();
  for (const node of scoped) {
    const scope = scopeOfNode(node);
    if (!node.traits.outputNode || !scope) continue;
    const producers = node.inputs.flatMap((input) => {
      if (input.value.kind !== 'ref') return [];
      const producer = scopedById.get(input.value.nodeId);
      return producer && producer.scope === node.scope ? [producer.index] : [];
    });
    outputDeps.set(
      node.index,
      computeOutputDeps(node.index, producers, scope.chains, barrier, graph.normal),
    );
  }
  const preStart = preStartTable(scoped.length, outputDeps, (i) => scoped[i].traits.entry === true);
  const consumers: number[][] = scoped.map(() => []);
  for (const [output, info] of outputDeps) for (const p of info.dataDeps) consumers[p].push(output);
  return {
    nodes: scoped,
    consumers,
    byId: scopedById,
    graph,
    main: layout.main,
    bodies: layout.bodies,
    outputDeps,
    preStart,
    barrier,
  };
}

function checkEndNodes(
  nodes: readonly BuiltNode[],
  main: GraphScope,
  bodies: ReadonlyMap<number, GraphScope>,
): void {
  const ends = nodes.filter((node) => node.type === 'node-end');
  if (ends.length === 0) throw buildError('End node does not exist');
  if (!ends.some((node) => node.scope === -1)) {
    throw buildError('End node is not reachable from the start node');
  }
  void main;
  for (const [iteration, body] of bodies) {
    if (!body.members.some((i) => nodes[i].type === 'iteration-node-end')) {
      throw buildError(`Iteration node: ${nodes[iteration].id} body has no iteration end node`);
    }
  }
}

/** Output-ordering barrier (docs/engine.md#output-nodes). */
function isBarrier(
  node: BuiltNode,
  bodies: ReadonlyMap<number, GraphScope>,
  nodes: readonly BuiltNode[],
): boolean {
  const { traits } = node;
  if (traits.outputNode || traits.barrier) return true;
  if (node.retry.enabled && node.retry.strategy === 2) return true;
  const body = bodies.get(node.index);
  return body !== undefined && body.members.some((i) => nodes[i].type === 'message');
}
