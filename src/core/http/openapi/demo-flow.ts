// The flows the Swagger request examples name: LLM-free, so every example runs on a bare
// service. The README walkthrough adds the same "hello" flow.

const START = 'node-start::s';
const END = 'node-end::e';

/** start (AGENT_USER_INPUT) → end answering "Hello, <input>!" */
export const HELLO_PROTOCOL = {
  nodes: [
    {
      id: START,
      data: {
        nodeMeta: { nodeType: 'Base', aliasName: 'Start' },
        outputs: [{ name: 'AGENT_USER_INPUT', required: true, schema: { type: 'string' } }],
      },
    },
    {
      id: END,
      data: {
        nodeMeta: { nodeType: 'Base', aliasName: 'End' },
        inputs: [
          {
            name: 'name',
            schema: {
              type: 'string',
              value: { type: 'ref', content: { nodeId: START, name: 'AGENT_USER_INPUT' } },
            },
          },
        ],
        nodeParam: { outputMode: 1, template: 'Hello, {{name}}!', streamOutput: true },
      },
    },
  ],
  edges: [{ sourceNodeId: START, targetNodeId: END }],
};

/** A text joiner with a literal input, the node `/node/debug` runs alone: "Hello, Ada!" */
export const HELLO_JOINER_NODE = {
  id: 'text-joiner::j1',
  data: {
    nodeMeta: { nodeType: 'text-joiner', aliasName: 'Greeting' },
    inputs: [
      { name: 'name', schema: { type: 'string', value: { type: 'literal', content: 'Ada' } } },
    ],
    outputs: [{ name: 'output', schema: { type: 'string' } }],
    nodeParam: { mode: 0, prompt: 'Hello, {{name}}!' },
  },
};
