// A small but complete protocol used as the Swagger example of the layout routes.
export const PROTOCOL_EXAMPLE = {
  name: 'demo',
  description: 'echoes the question',
  data: {
    nodes: [
      {
        id: 'node-start::d61b0f71-9b7c-4b8e-8d0e-2a4f1c0e9a11',
        data: {
          outputs: [{ name: 'AGENT_USER_INPUT', required: true, schema: { type: 'string' } }],
          nodeParam: {},
        },
      },
      {
        id: 'node-end::cda617af-551e-462e-b3b8-3bb9a041bf88',
        data: {
          inputs: [
            {
              name: 'output',
              schema: {
                type: 'string',
                value: {
                  type: 'ref',
                  content: {
                    nodeId: 'node-start::d61b0f71-9b7c-4b8e-8d0e-2a4f1c0e9a11',
                    name: 'AGENT_USER_INPUT',
                  },
                },
              },
            },
          ],
          nodeParam: { outputMode: 0 },
        },
      },
    ],
    edges: [
      {
        sourceNodeId: 'node-start::d61b0f71-9b7c-4b8e-8d0e-2a4f1c0e9a11',
        targetNodeId: 'node-end::cda617af-551e-462e-b3b8-3bb9a041bf88',
      },
    ],
  },
};

export const FLOW_ID_EXAMPLE = '7381234567890123456';
