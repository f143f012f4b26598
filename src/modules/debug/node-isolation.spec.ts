import { isolateFirstNode } from './node-isolation';

type Json = Record<string, unknown>;

const node = (id: string, data: Json = {}): Json => ({
  id,
  data: { nodeMeta: { nodeType: 'x', aliasName: id }, ...data },
});
const ref = (nodeId: string, name: string) => ({ type: 'ref', content: { nodeId, name } });

describe('isolateFirstNode', () => {
  it('wraps the node between a start and an end, without its retry configuration', () => {
    const target = node('text-joiner::t', { retryConfig: { shouldRetry: true }, inputs: [] });
    const { dsl } = isolateFirstNode({ nodes: [target], edges: [] });
    expect(dsl.nodes.map((n) => n.id)).toEqual([
      'node-start::nodedebug-start',
      'text-joiner::t',
      'node-end::nodedebug-end',
    ]);
    expect((dsl.nodes[1].data as Json).retryConfig).toBeUndefined();
    expect(dsl.edges).toEqual([
      { sourceNodeId: 'node-start::nodedebug-start', targetNodeId: 'text-joiner::t' },
      { sourceNodeId: 'text-joiner::t', targetNodeId: 'node-end::nodedebug-end' },
    ]);
  });

  it('wires every branch handle to the end (cases, intents, options, used handles; no fail edge)', () => {
    const target = node('if-else::c', {
      nodeParam: { cases: [{ id: 'branch_one_of::a' }, { id: 'branch_one_of::b' }] },
    });
    const { dsl } = isolateFirstNode({
      nodes: [target, node('message::m')],
      edges: [
        { sourceNodeId: 'if-else::c', targetNodeId: 'message::m', sourceHandle: 'intent_chain|x' },
        { sourceNodeId: 'if-else::c', targetNodeId: 'message::m', sourceHandle: 'fail_one_of::f' },
      ],
    });
    const handles = dsl.edges
      .filter((e) => e.sourceNodeId === 'if-else::c')
      .map((e) => e.sourceHandle);
    expect(handles).toEqual([undefined, 'branch_one_of::a', 'branch_one_of::b', 'intent_chain|x']);
    expect(dsl.nodes.map((n) => n.id)).not.toContain('message::m');
  });

  it('replaces refs to nodes that do not run by their declared defaults', () => {
    const producer = node('node-start::s', {
      outputs: [
        { name: 'a', schema: { type: 'string', default: 'x' } },
        { name: 'n', schema: { type: 'integer' } },
        { name: 'o', schema: { type: 'object' } },
      ],
    });
    const input = (name: string, value: Json) => ({ name, schema: { type: 'string', value } });
    const target = node('text-joiner::t', {
      inputs: [
        input('a', ref('node-start::s', 'a')),
        input('n', ref('node-start::s', 'n')),
        input('o', ref('node-start::s', 'o.k')),
        input('gone', ref('message::ghost', 'x')),
      ],
    });
    const { target: isolated } = isolateFirstNode({ nodes: [target, producer], edges: [] });
    const values = ((isolated.data as Json).inputs as Json[]).map((i) => (i.schema as Json).value);
    expect(values).toEqual([
      { type: 'literal', content: 'x' },
      { type: 'literal', content: 0 },
      { type: 'literal', content: {} },
      ref('message::ghost', 'x'), // unknown producer: left for the build to reject
    ]);
  });

  it('keeps the body of an iteration', () => {
    const target = node('iteration::i', {
      nodeParam: { IterationStartNodeId: 'iteration-node-start::b' },
    });
    const { dsl } = isolateFirstNode({
      nodes: [
        target,
        node('iteration-node-start::b'),
        node('iteration-node-end::e'),
        node('message::other'),
      ],
      edges: [
        { sourceNodeId: 'iteration-node-start::b', targetNodeId: 'iteration-node-end::e' },
        { sourceNodeId: 'node-start::s', targetNodeId: 'message::other' },
      ],
    });
    expect(dsl.nodes.map((n) => n.id)).toEqual([
      'node-start::nodedebug-start',
      'iteration::i',
      'iteration-node-start::b',
      'iteration-node-end::e',
      'node-end::nodedebug-end',
    ]);
    expect(dsl.edges[0]).toEqual({
      sourceNodeId: 'iteration-node-start::b',
      targetNodeId: 'iteration-node-end::e',
    });
  });

  it.each([
    ['node-start::s', ['node-start::s', 'node-end::nodedebug-end']],
    ['node-end::e', ['node-start::nodedebug-start', 'node-end::e']],
  ])('uses %s itself as the entry or the exit', (id, ids) => {
    expect(isolateFirstNode({ nodes: [node(id)], edges: [] }).dsl.nodes.map((n) => n.id)).toEqual(
      ids,
    );
  });
});
