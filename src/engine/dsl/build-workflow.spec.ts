import { AppException } from '../errors/engine-error';
import { buildWorkflow } from '../index';
import '../testing/test-executors';
import * as b from '../testing/flow-builder';

const { START, END, USER_INPUT, input, ref, lit, output, edge, node } = b;

function minimal(extraNodes: b.Json[] = [], extraEdges: b.Json[] = []) {
  return b.flow(
    [b.startNode(), b.endNode([input('u', 'string', ref(START, USER_INPUT))]), ...extraNodes],
    [edge(START, END), ...extraEdges],
  );
}

function buildError(dsl: unknown): { code: number; message: string } {
  try {
    buildWorkflow(dsl);
  } catch (error) {
    expect(error).toBeInstanceOf(AppException);
    const e = error as AppException;
    return { code: e.code, message: e.message };
  }
  throw new Error('build succeeded');
}

const joiner = (id: string, from = START, name = USER_INPUT) =>
  b.joinerNode(id, '{{x}}', [input('x', 'string', ref(from, name))]);

describe('buildWorkflow: valid flows', () => {
  it('builds the minimal flow and accepts the protocol envelope too', () => {
    expect(buildWorkflow(minimal()).nodes).toHaveLength(2);
    expect(buildWorkflow({ data: minimal() }).nodes).toHaveLength(2);
  });

  it('ignores unknown keys and strips the intent_chain| handle prefix', () => {
    const dsl = minimal();
    (dsl.nodes[0] as b.Json).position = { x: 1 };
    const built = buildWorkflow(
      b.flow(
        [
          b.startNode([output('q', 'string')]),
          b.ifElseNode('if-else::c', [
            { id: 'branch_one_of::a', conditions: [{ op: 'empty', left: ref(START, 'q') }] },
          ]),
          b.endNode([], { outputMode: 0 }),
        ],
        [
          edge(START, 'if-else::c'),
          edge('if-else::c', END, 'intent_chain|branch_one_of::a|x'),
          edge('if-else::c', END, 'branch_one_of::else'),
        ],
      ),
    );
    const ifElse = built.byId.get('if-else::c');
    expect([...built.graph.handles[ifElse!.index].keys()]).toEqual([
      'branch_one_of::a',
      'branch_one_of::else',
    ]);
  });
});

describe('buildWorkflow: malformed DSLs', () => {
  it.each<[string, unknown, number, string]>([
    ['not an object', 'x', 20100, 'dsl: must be an object'],
    ['nodes missing', { edges: [] }, 20100, 'nodes: field required (array)'],
    ['edges missing', { nodes: [] }, 20100, 'edges: field required (array)'],
    [
      'empty node list',
      { nodes: [], edges: [] },
      22100,
      'Workflow engine protocol validation failed(Node configuration information not found)',
    ],
    [
      'bad node id',
      { nodes: [node('nocolons')], edges: [] },
      20100,
      'nodes.0.id: "nocolons" does not match ^.*::[0-9a-zA-Z-]+',
    ],
    [
      'missing alias',
      { nodes: [{ id: 'node-start::s', data: { nodeMeta: { nodeType: 'x' } } }], edges: [] },
      20100,
      'nodes.0.data.nodeMeta.aliasName: must be a string',
    ],
    [
      'bad input type',
      minimal([
        node('text-joiner::j', {
          inputs: [{ name: 'x', schema: { type: 'date', value: lit('') } }],
        }),
      ]),
      20100,
      'nodes.2.data.inputs.0.schema.type: must be one of string, boolean, integer, number, array, object',
    ],
    [
      'empty ref name',
      minimal([node('text-joiner::j', { inputs: [input('x', 'string', ref(START, ''))] })]),
      20100,
      'nodes.2.data.inputs.0.schema.value.content.name: must not be empty',
    ],
    [
      'unconvertible literal',
      minimal([node('text-joiner::j', { inputs: [input('x', 'integer', lit('abc'))] })]),
      20100,
      'Failed to convert literal value x to type integer, literal value: abc',
    ],
    [
      'unknown node type',
      minimal([node('magic::m')]),
      22101,
      'Workflow engine node protocol validation failed(Current workflow does not support node type: magic)',
    ],
    [
      'missing end outputMode',
      b.flow([b.startNode(), node(END, {})], [edge(START, END)]),
      20100,
      'Node node-end::e nodeParam.outputMode: field required',
    ],
    [
      'iteration without start id',
      minimal([node('iteration::i', { param: {} })]),
      22101,
      'Workflow engine node protocol validation failed(Iteration node: iteration::i iteration start node does not exist)',
    ],
    [
      'bad customOutput',
      minimal([
        node('test-call::c', {
          outputs: [output('output', 'string')],
          retry: { shouldRetry: true, errorStrategy: 1, customOutput: { output: 5 } },
        }),
      ]),
      22101,
      'Workflow engine node protocol validation failed(Node set output content: {"output": 5} does not match format)',
    ],
    [
      'output with neither type nor default',
      minimal([node('text-joiner::j', { outputs: [{ name: 'o', schema: {} }] })]),
      20100,
      'Node text-joiner::j output o has neither a schema type nor a default',
    ],
    [
      'duplicate node id',
      minimal([joiner('text-joiner::j'), joiner('text-joiner::j')]),
      22300,
      'Workflow engine build failed(Node: text-joiner::j duplicate build)',
    ],
    [
      'missing iteration start node',
      minimal([
        node('iteration::i', { param: { IterationStartNodeId: 'iteration-node-start::x' } }),
      ]),
      22300,
      'Workflow engine build failed(Iteration start node: iteration-node-start::x does not exist)',
    ],
    [
      'dangling edge',
      minimal([], [edge(START, 'text-joiner::ghost')]),
      22300,
      'Workflow engine build failed(Node not found text-joiner::ghost)',
    ],
    [
      'cycle',
      minimal(
        [joiner('text-joiner::a'), joiner('text-joiner::b')],
        [
          edge(START, 'text-joiner::a'),
          edge('text-joiner::a', 'text-joiner::b'),
          edge('text-joiner::b', 'text-joiner::a'),
        ],
      ),
      22300,
      'Workflow engine build failed(Cycle detected: text-joiner::a -> text-joiner::b -> text-joiner::a)',
    ],
    [
      'no start node',
      b.flow([b.endNode([], { outputMode: 0 })], []),
      22300,
      'Workflow engine build failed(Start node does not exist)',
    ],
    [
      'two start nodes',
      minimal([b.startNode(undefined, 'node-start::t')]),
      22300,
      'Workflow engine build failed(More than one start node: node-start::s, node-start::t)',
    ],
    [
      'no end node',
      b.flow([b.startNode(), joiner('text-joiner::j')], [edge(START, 'text-joiner::j')]),
      22300,
      'Workflow engine build failed(End node does not exist)',
    ],
    [
      'unreachable end node',
      b.flow([b.startNode(), b.endNode([], { outputMode: 0 })], []),
      22300,
      'Workflow engine build failed(End node is not reachable from the start node)',
    ],
    [
      'ref to unknown node',
      minimal(
        [joiner('text-joiner::j', 'text-joiner::ghost', 'output')],
        [edge(START, 'text-joiner::j')],
      ),
      22300,
      'Workflow engine build failed(Node text-joiner::j input x references unknown node text-joiner::ghost)',
    ],
    [
      'ref to unknown output',
      minimal([joiner('text-joiner::j', START, 'nope.deep')], [edge(START, 'text-joiner::j')]),
      22300,
      'Workflow engine build failed(Node text-joiner::j input x references unknown output node-start::s.nope)',
    ],
    [
      'ref to a node that runs later',
      b.flow(
        [
          b.startNode(),
          joiner('text-joiner::a', 'text-joiner::b', 'output'),
          joiner('text-joiner::b'),
          b.endNode([], { outputMode: 0 }),
        ],
        [
          edge(START, 'text-joiner::a'),
          edge('text-joiner::a', 'text-joiner::b'),
          edge('text-joiner::b', END),
        ],
      ),
      22300,
      'Workflow engine build failed(Node text-joiner::a input x references text-joiner::b, which runs after it)',
    ],
    [
      'fail strategy without fail edge',
      minimal(
        [
          node('test-call::c', {
            outputs: [output('output', 'string')],
            retry: { shouldRetry: true, errorStrategy: 2 },
          }),
        ],
        [edge(START, 'test-call::c')],
      ),
      22101,
      'Workflow engine node protocol validation failed(Node: test-call::c uses the fail-branch error strategy but has no fail edge)',
    ],
    [
      'if-else with one case',
      minimal([node('if-else::c', { param: { cases: [] } })]),
      20100,
      'Node if-else::c nodeParam.cases: at least 2 cases required',
    ],
    [
      'body node reachable from the main flow',
      b.flow(
        [
          b.startNode(),
          ...b.iterationNodes(
            'iteration::i',
            ref(START, USER_INPUT),
            'iteration-node-start::b',
            'iteration-node-end::b',
            [],
          ),
          b.endNode([], { outputMode: 0 }),
        ],
        [
          edge(START, 'iteration::i'),
          edge('iteration::i', END),
          edge('iteration-node-start::b', 'iteration-node-end::b'),
          edge(START, 'iteration-node-end::b'),
        ],
      ),
      22300,
      'Workflow engine build failed(Node iteration-node-end::b belongs to more than one graph (main flow or iteration))',
    ],
  ])('%s', (_name, dsl, code, message) => {
    expect(buildError(dsl)).toEqual({ code, message });
  });

  it('rejects a deep cycle without overflowing the stack', () => {
    const nodes = [b.startNode(), b.endNode([], { outputMode: 0 })];
    const edges = [edge(START, 'text-joiner::n0'), edge('text-joiner::n0', END)];
    for (let i = 0; i < 3000; i += 1) {
      nodes.push(b.joinerNode(`text-joiner::n${i}`, 'x', []));
      if (i > 0) edges.push(edge(`text-joiner::n${i - 1}`, `text-joiner::n${i}`));
    }
    edges.push(edge('text-joiner::n2999', 'text-joiner::n0'));
    expect(buildError(b.flow(nodes, edges)).code).toBe(22300);
  });
});
