import type { Edge, Json } from '../chat.helpers';

// Dresses hand-written DSL (chat.helpers' node/edge builders) the way the astron console saves
// it: React Flow layout fields on nodes and edges, display fields under `data`, ids on every
// input and output, the producer's output id inside refs. The engine must ignore all of these
// (docs/nodes.md: only the id prefix, inputs, outputs, nodeParam and retryConfig matter).

export interface ConsoleLook {
  /** `nodeMeta.nodeType`, the console's template label (nodes.md summary table) */
  nodeType: string;
  aliasName: string;
  x?: number;
  y?: number;
  /** the iteration node whose body holds this node */
  parentId?: string;
}

const outputId = (nodeId: string, name: string) => `${nodeId.split('::')[1]}-out-${name}`;

/** The node with every console-only field a saved console flow carries. */
export function consoleNode(node: Json, look: ConsoleLook): Json {
  const id = node.id as string;
  const data = node.data as Json;
  const inputs = (data.inputs as Json[]).map((item, index) => consoleInput(id, item, index));
  const outputs = (data.outputs as Json[]).map((item) => ({
    id: outputId(id, item.name as string),
    customParameterType: '',
    nameErrMsg: '',
    deleteDisabled: false,
    ...item,
  }));
  return {
    id,
    type: id.startsWith('iteration::') ? 'iteration' : 'custom',
    width: 658,
    height: 312,
    selected: false,
    dragging: false,
    position: { x: look.x ?? 0, y: look.y ?? 0 },
    positionAbsolute: { x: look.x ?? 0, y: look.y ?? 0 },
    ...(look.parentId
      ? { parentId: look.parentId, extent: 'parent', zIndex: 1, draggable: true }
      : {}),
    data: {
      ...data,
      label: look.aliasName,
      labelEdit: false,
      description: `${look.aliasName} as saved by the console`,
      icon: `https://oss-beijing-m8.openstorage.cn/SparkBotProd/icon/${id.split('::')[0]}.png`,
      nodeMeta: { nodeType: look.nodeType, aliasName: look.aliasName },
      inputs,
      outputs,
      nodeParam: { ...(data.nodeParam as Json) },
      retryConfig: (data.retryConfig as Json | undefined) ?? {
        timeout: 60,
        maxRetries: 0,
        shouldRetry: false,
        errorStrategy: 0,
      },
      allowInputReference: true,
      allowOutputReference: true,
      updatable: false,
      status: '',
      references: referencesOf(inputs),
      ...(look.parentId
        ? { parentId: look.parentId, originPosition: { x: look.x ?? 0, y: look.y ?? 0 } }
        : {}),
    },
  };
}

/** An input with its id, error slot and (for refs) the producer's output id in the content. */
function consoleInput(nodeId: string, item: Json, index: number): Json {
  const schema = item.schema as { type: string; value: { type: string; content: unknown } };
  const value = schema.value;
  const content =
    value.type === 'ref'
      ? (() => {
          const c = value.content as { nodeId: string; name: string };
          return { ...c, id: outputId(c.nodeId, c.name.split('.')[0]) };
        })()
      : value.content;
  return {
    id: (item.id as string | undefined) ?? `${nodeId.split('::')[1]}-in-${index}`,
    fileType: '',
    nameErrMsg: '',
    ...item,
    schema: { ...schema, value: { ...value, content, contentErrMsg: '' } },
  };
}

/** The console's reference picker tree: one entry per producer an input refers to. */
function referencesOf(inputs: Json[]): Json[] {
  return inputs.flatMap((item) => {
    const value = (item.schema as { value: { type: string; content: Json } }).value;
    if (value.type !== 'ref') return [];
    const { nodeId, name, id } = value.content as { nodeId: string; name: string; id: string };
    return [
      {
        label: nodeId,
        value: nodeId,
        parentNode: true,
        children: [],
        references: [
          { originId: nodeId, id, label: name, type: 'string', value: name, fileType: '' },
        ],
      },
    ];
  });
}

/** An edge as React Flow stores it, with the engine's fields alongside. */
export function consoleEdge(e: Edge): Json {
  const handle = e.sourceHandle ?? '';
  // the console prefixes branch handles this way (docs/nodes.md#edges-and-branch-handles)
  const sourceHandle = /intent-one-of|branch_one_of|fail_one_of/.test(handle)
    ? `intent_chain|${handle}`
    : handle;
  return {
    id: `reactflow__edge-${e.sourceNodeId}${sourceHandle}-${e.targetNodeId}`,
    source: e.sourceNodeId,
    target: e.targetNodeId,
    sourceNodeId: e.sourceNodeId,
    targetNodeId: e.targetNodeId,
    sourceHandle,
    targetHandle: null,
    type: 'customEdge',
    zIndex: 1,
    data: { edgeType: 'curve' },
    markerEnd: { type: 'arrow', color: '#275EFF' },
  };
}

/** The protocol object /protocol/add takes, as the console posts it. */
export function consoleProtocol(nodes: Json[], edges: Edge[], name = 'console flow'): Json {
  return {
    id: '',
    name,
    description: 'built in the console',
    avatarIcon: 'https://oss-beijing-m8.openstorage.cn/SparkBotProd/icon/flow.png',
    avatarColor: '#FFEAD5',
    data: { nodes, edges: edges.map(consoleEdge) },
  };
}
