// The synthetic flow that runs one node in isolation for /node/debug (docs/api.md#node-debug):
// a start node, the node itself without retries, and an end node wired to every branch the
// node can take. Refs to other nodes of the submitted DSL read those nodes' declared defaults
// (they never run), as the reference does for producers that did not run.

type Json = Record<string, unknown>;

const START_ID = 'node-start::nodedebug-start';
const END_ID = 'node-end::nodedebug-end';

const ZERO: Record<string, unknown> = {
  string: '',
  integer: 0,
  number: 0,
  boolean: false,
  array: [],
  object: {},
};

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function typeOf(id: string): string {
  return id.split(':')[0];
}

/** Declared default of `producer`'s output `path` (its root output; schema default or zero). */
function defaultOf(producer: Json, path: string): unknown {
  const data = isObject(producer.data) ? producer.data : {};
  const root = path.split('.')[0];
  const declared = list(data.outputs).find((o) => o.name === root);
  const schema = isObject(declared?.schema) ? declared.schema : {};
  if ('default' in schema) return schema.default;
  return structuredClone(ZERO[String(schema.type)] ?? null);
}

/** Replaces refs to nodes of the DSL that will not run by their declared defaults. */
function detachInputs(inputs: Json[], others: Map<string, Json>): Json[] {
  return inputs.map((item) => {
    const schema = isObject(item.schema) ? item.schema : {};
    const value = isObject(schema.value) ? schema.value : {};
    const content = isObject(value.content) ? value.content : {};
    const producer = value.type === 'ref' ? others.get(String(content.nodeId)) : undefined;
    if (!producer) return item;
    const literal = defaultOf(producer, String(content.name ?? ''));
    return { ...item, schema: { ...schema, value: { type: 'literal', content: literal } } };
  });
}

/** Every branch handle the node may choose (if-else cases, intents, options, used handles). */
function branchHandles(node: Json, edges: Json[]): string[] {
  const param = isObject(node.data) && isObject(node.data.nodeParam) ? node.data.nodeParam : {};
  const handles = new Set<string>();
  for (const key of ['cases', 'intentChains', 'optionAnswer']) {
    for (const item of list(param[key])) if (typeof item.id === 'string') handles.add(item.id);
  }
  for (const edge of edges) {
    const handle = edge.sourceHandle;
    if (edge.sourceNodeId === node.id && typeof handle === 'string' && handle) {
      if (!handle.includes('fail_one_of')) handles.add(handle);
    }
  }
  return [...handles];
}

/** Nodes reachable from `startId` along the submitted edges (an iteration body). */
function bodyOf(startId: string, nodes: Map<string, Json>, edges: Json[]): Set<string> {
  const seen = new Set<string>();
  const queue = [startId];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id) || !nodes.has(id)) continue;
    seen.add(id);
    for (const edge of edges) if (edge.sourceNodeId === id) queue.push(String(edge.targetNodeId));
  }
  return seen;
}

export interface IsolatedFlow {
  dsl: { nodes: Json[]; edges: Json[] };
  target: Json;
}

/** Builds the isolation flow around `dsl.nodes[0]`. */
export function isolateFirstNode(dsl: { nodes: Json[]; edges: Json[] }): IsolatedFlow {
  const target = dsl.nodes[0];
  const targetId = String(target.id);
  const type = typeOf(targetId);
  const byId = new Map(dsl.nodes.map((n) => [String(n.id), n]));
  const data = isObject(target.data) ? target.data : {};
  const param = isObject(data.nodeParam) ? data.nodeParam : {};
  // the iteration body runs with the node; everything else stays out
  const body =
    type === 'iteration' && typeof param.IterationStartNodeId === 'string'
      ? bodyOf(param.IterationStartNodeId, byId, dsl.edges)
      : new Set<string>();
  const others = new Map([...byId].filter(([id]) => id !== targetId && !body.has(id)));
  const { retryConfig: _noRetries, ...plain } = data;
  const isolated: Json = {
    ...target,
    data: { ...plain, inputs: detachInputs(list(data.inputs), others) },
  };
  const nodes: Json[] = [isolated, ...dsl.nodes.filter((n) => body.has(String(n.id)))];
  const edges: Json[] = dsl.edges.filter(
    (e) => body.has(String(e.sourceNodeId)) && body.has(String(e.targetNodeId)),
  );
  const meta = (alias: string) => ({ nodeMeta: { nodeType: 'Base', aliasName: alias } });
  if (type !== 'node-start') {
    nodes.unshift({ id: START_ID, data: { ...meta('Start'), outputs: [], nodeParam: {} } });
    edges.push({ sourceNodeId: START_ID, targetNodeId: targetId });
  }
  if (type !== 'node-end') {
    nodes.push({ id: END_ID, data: { ...meta('End'), inputs: [], nodeParam: { outputMode: 0 } } });
    edges.push({ sourceNodeId: targetId, targetNodeId: END_ID });
    for (const handle of branchHandles(target, dsl.edges)) {
      edges.push({ sourceNodeId: targetId, targetNodeId: END_ID, sourceHandle: handle });
    }
  }
  return { dsl: { nodes, edges }, target: isolated };
}
