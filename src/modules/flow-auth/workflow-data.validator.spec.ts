import { paramErrorLine } from '../../core/errors/param-error';
import { workflowDataViolations } from './workflow-data.validator';

const valid = () => ({
  id: 'f1',
  name: 'demo',
  description: 'd',
  version: 'v3.0.1',
  data: {
    nodes: [{ id: 'node-start::1', extra: true }, { id: 'node-end::2' }],
    edges: [{ sourceNodeId: 'node-start::1', targetNodeId: 'node-end::2', sourceHandle: 'x' }],
  },
});

describe('workflowDataViolations', () => {
  it('accepts absent data and a valid protocol (extra keys allowed)', () => {
    expect(workflowDataViolations(undefined)).toEqual([]);
    expect(workflowDataViolations(null)).toEqual([]);
    expect(workflowDataViolations({ ...valid(), more: 1 })).toEqual([]);
    expect(workflowDataViolations({ ...valid(), version: 'v3.1' })).toEqual([]);
  });

  const cases: [string, (d: Record<string, any>) => unknown, string][] = [
    [
      'not an object',
      () => [1],
      'body->data, Input: [1], Error: Input should be a valid dictionary or object (model_type)',
    ],
    [
      'missing id',
      (d) => ({ ...d, id: undefined }),
      'body->data->id, Input: None, Error: Field required (missing)',
    ],
    [
      'empty name',
      (d) => ({ ...d, name: '' }),
      'body->data->name, Input: , Error: String should have at least 1 character (string_too_short)',
    ],
    [
      'numeric description',
      (d) => ({ ...d, description: 5 }),
      'body->data->description, Input: 5, Error: Input should be a valid string (string_type)',
    ],
    [
      'version not v3',
      (d) => ({ ...d, version: 'v2.0' }),
      "body->data->version, Input: v2.0, Error: String should match pattern '^v3(\\.\\d+)*(\\.\\d+)$' (string_pattern_mismatch)",
    ],
    ['bare v3', (d) => ({ ...d, version: 'v3' }), 'body->data->version, Input: v3'],
    [
      'graph missing',
      (d) => ({ ...d, data: undefined }),
      'body->data->data, Input: None, Error: Field required (missing)',
    ],
    [
      'one node',
      (d) => ({ ...d, data: { ...d.data, nodes: [{ id: 'a' }] } }),
      'body->data->data->nodes, Input: [{"id":"a"}], Error: List should have at least 2 items after validation, not 1 (too_short)',
    ],
    [
      'node id not string',
      (d) => ({ ...d, data: { ...d.data, nodes: [{ id: 1 }, { id: 'b' }] } }),
      'body->data->data->nodes->0->id, Input: 1, Error: Input should be a valid string (string_type)',
    ],
    [
      'edges not a list',
      (d) => ({ ...d, data: { ...d.data, edges: {} } }),
      'body->data->data->edges, Input: {}, Error: Input should be a valid list (list_type)',
    ],
    [
      'edge without target',
      (d) => ({ ...d, data: { ...d.data, edges: [{ sourceNodeId: 'a' }] } }),
      'body->data->data->edges->0->targetNodeId, Input: None, Error: Field required (missing)',
    ],
    [
      'edge handle not string',
      (d) => ({
        ...d,
        data: { ...d.data, edges: [{ sourceNodeId: 'a', targetNodeId: 'b', sourceHandle: 3 }] },
      }),
      'body->data->data->edges->0->sourceHandle, Input: 3',
    ],
  ];

  it.each(cases)('reports %s', (_name, mutate, expected) => {
    const lines = workflowDataViolations(mutate(valid())).map(paramErrorLine);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Parameter: ${expected}`);
  });
});
