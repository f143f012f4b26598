// Concise DSL builders for tests (engine specs and HTTP e2e specs). They produce plain console
// JSON (`{nodes, edges}`), exactly what buildWorkflow consumes.

export type Json = Record<string, unknown>;
export type ValueTypeName = 'string' | 'boolean' | 'integer' | 'number' | 'array' | 'object';

export interface InputSpec extends Json {
  name: string;
}

export function ref(nodeId: string, name: string): Json {
  return { type: 'ref', content: { nodeId, name } };
}

export function lit(content: unknown): Json {
  return { type: 'literal', content };
}

export function input(name: string, type: ValueTypeName, value: Json, extra: Json = {}): InputSpec {
  return { ...extra, name, schema: { type, value } };
}

export function output(name: string, type: ValueTypeName, extra: Json = {}): Json {
  const { required, ...schemaExtra } = extra;
  return {
    name,
    ...(required !== undefined ? { required } : {}),
    schema: { type, ...schemaExtra },
  };
}

export interface NodeSpec {
  alias?: string;
  nodeType?: string;
  inputs?: Json[];
  outputs?: Json[];
  param?: Json;
  retry?: Json;
}

export function node(id: string, spec: NodeSpec = {}): Json {
  return {
    id,
    data: {
      nodeMeta: { nodeType: spec.nodeType ?? 'Tool', aliasName: spec.alias ?? id.split('::')[1] },
      inputs: spec.inputs ?? [],
      outputs: spec.outputs ?? [],
      nodeParam: spec.param ?? {},
      ...(spec.retry ? { retryConfig: spec.retry } : {}),
    },
  };
}

export function edge(source: string, target: string, handle?: string): Json {
  return {
    sourceNodeId: source,
    targetNodeId: target,
    ...(handle ? { sourceHandle: handle } : {}),
  };
}

export const START = 'node-start::s';
export const END = 'node-end::e';
export const USER_INPUT = 'AGENT_USER_INPUT';

export function startNode(
  outputs: Json[] = [output(USER_INPUT, 'string', { required: true })],
  id = START,
): Json {
  return node(id, { alias: 'Start', nodeType: 'Base', outputs });
}

/** end node; `outputMode` 0 (variable) unless a template is given */
export function endNode(inputs: Json[], param: Json = {}, id = END): Json {
  const outputMode = param.template !== undefined ? 1 : 0;
  return node(id, { alias: 'End', nodeType: 'Base', inputs, param: { outputMode, ...param } });
}

export function joinerNode(id: string, prompt: string, inputs: Json[], extra: NodeSpec = {}): Json {
  return node(id, {
    outputs: [output('output', 'string')],
    ...extra,
    inputs,
    param: { mode: 0, prompt, ...(extra.param ?? {}) },
  });
}

export function messageNode(id: string, template: string, inputs: Json[], stream = false): Json {
  return node(id, {
    nodeType: 'Base',
    inputs,
    outputs: [output('output_m', 'string')],
    param: { template, streamOutput: stream },
  });
}

export interface ConditionSpec {
  op: string;
  left: Json;
  right?: Json;
  leftType?: ValueTypeName;
  rightType?: ValueTypeName;
}

export interface CaseSpec {
  id: string;
  level?: number;
  logic?: 'and' | 'or';
  conditions?: ConditionSpec[];
}

/** if-else whose inputs are generated per condition (left `l<i>_<j>`, right `r<i>_<j>`). */
export function ifElseNode(
  id: string,
  cases: CaseSpec[],
  defaultCase = 'branch_one_of::else',
): Json {
  const inputs: Json[] = [];
  const built = cases.map((c, i) => ({
    id: c.id,
    level: c.level ?? i + 1,
    logicalOperator: c.logic ?? 'and',
    conditions: (c.conditions ?? []).map((cond, j) => {
      const left = `l${i}_${j}`;
      inputs.push(input(left, cond.leftType ?? 'string', cond.left, { id: left }));
      let right: string | null = null;
      if (cond.right) {
        right = `r${i}_${j}`;
        inputs.push(
          input(right, cond.rightType ?? cond.leftType ?? 'string', cond.right, { id: right }),
        );
      }
      return { leftVarIndex: left, rightVarIndex: right, compareOperator: cond.op };
    }),
  }));
  built.push({ id: defaultCase, level: 999, logicalOperator: 'and', conditions: [] });
  return node(id, { nodeType: 'Logic', inputs, param: { cases: built } });
}

/** iteration + its body start/end nodes; wire the body with `edge` yourself */
export function iterationNodes(
  id: string,
  items: Json,
  bodyStartId: string,
  bodyEndId: string,
  bodyEndInputs: Json[],
  itemType: ValueTypeName = 'string',
  outputType: ValueTypeName = 'string',
): Json[] {
  return [
    node(id, {
      nodeType: 'Loop',
      inputs: [input('input', 'array', items)],
      outputs: [output('output', 'array', { items: { type: outputType } })],
      param: { IterationStartNodeId: bodyStartId },
    }),
    node(bodyStartId, { nodeType: 'Base', outputs: [output('input', itemType)] }),
    node(bodyEndId, { nodeType: 'Base', inputs: bodyEndInputs, param: { outputMode: 0 } }),
  ];
}

export function flow(nodes: Json[], edges: Json[]): { nodes: Json[]; edges: Json[] } {
  return { nodes, edges };
}

/** start → `middle` → `end`: the flow a single-node spec runs */
export function startToEnd(middle: Json, end: Json): { nodes: Json[]; edges: Json[] } {
  const id = middle.id as string;
  return flow([startNode(), middle, end], [edge(START, id), edge(id, END)]);
}
