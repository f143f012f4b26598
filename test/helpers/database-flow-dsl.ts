import {
  edge,
  endNode,
  input,
  node,
  output,
  protocol,
  ref,
  startNode,
  type Json,
} from '../chat.helpers';

// start → database node → end printing `{{message}}|{{rows}}`: the database e2e specs'
// flow. Start parameters: `name` (string), `age` (integer), `ids` (array of integers).

const S = 'node-start::s';
export const DB = 'database::d';

const row = {
  type: 'array',
  items: {
    type: 'object',
    properties: { id: { type: 'integer' }, name: { type: 'string' }, age: { type: 'integer' } },
    required: ['id', 'name', 'age'],
  },
};

/** `inputs`: node input name → start parameter it reads. */
export function databaseFlow(
  nodeParam: Json,
  inputs: Record<string, 'name' | 'age' | 'ids'>,
): Json {
  const types = { name: 'string', age: 'integer', ids: 'array' } as const;
  return protocol(
    [
      startNode('s', [
        output('AGENT_USER_INPUT', 'string'),
        output('name', 'string'),
        output('age', 'integer'),
        output('ids', { type: 'array', items: { type: 'integer' } }),
      ]),
      node(DB, {
        inputs: Object.entries(inputs).map(([k, v]) => input(k, types[v], ref(S, v), k)),
        outputs: [
          output('isSuccess', 'boolean'),
          output('message', 'string'),
          output('outputList', row),
        ],
        nodeParam: { appId: 'app1', apiKey: 'key1', uid: 'author', dbId: '42', ...nodeParam },
      }),
      endNode(
        'e',
        [
          input('message', 'string', ref(DB, 'message')),
          input('rows', 'array', ref(DB, 'outputList')),
        ],
        { outputMode: 1, template: '{{message}}|{{rows}}', streamOutput: true },
      ),
    ],
    [edge(S, DB), edge(DB, 'node-end::e')],
  );
}
