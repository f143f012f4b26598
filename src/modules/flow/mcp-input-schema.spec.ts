import { MalformedProtocolError, mcpToolDescriptor } from './mcp-input-schema';

const start = (outputs: unknown[]) => ({ id: 'node-start::1', data: { outputs } });

describe('mcpToolDescriptor', () => {
  it('turns the start node outputs into a JSON-schema object', () => {
    const releaseData = {
      data: {
        nodes: [
          { id: 'node-end::2', data: { outputs: [{ name: 'ignored' }] } },
          start([
            { name: 'q', required: true, schema: { type: 'string', description: 'question' } },
            { name: 'doc', schema: { type: 'string' }, allowedFileType: ['pdf', 'docx'] },
            { name: 'n', required: false, schema: { type: 'integer' }, allowedFileType: [] },
          ]),
        ],
        edges: [],
      },
    };
    expect(mcpToolDescriptor('demo', 'desc', releaseData)).toEqual({
      name: 'demo',
      description: 'desc',
      inputSchema: {
        type: 'object',
        properties: {
          q: { type: 'string', description: 'question' },
          doc: { type: 'string', description: '', fileType: 'pdf' },
          n: { type: 'integer', description: '' },
        },
        required: ['q'],
      },
    });
  });

  it('gives an empty schema without start node or outputs', () => {
    const empty = { type: 'object', properties: {}, required: [] };
    expect(mcpToolDescriptor('x', null, {}).inputSchema).toEqual(empty);
    expect(mcpToolDescriptor('x', null, { data: { nodes: [] } }).inputSchema).toEqual(empty);
    expect(mcpToolDescriptor('x', null, { data: { nodes: [{ id: 'node-start::1' }] } })).toEqual({
      name: 'x',
      description: '',
      inputSchema: empty,
    });
  });

  it('recognises the start node by the id prefix before the first colon', () => {
    const data = {
      data: { nodes: [{ id: 'node-start-x::1', data: { outputs: [{ name: 'a' }] } }] },
    };
    expect(mcpToolDescriptor('x', '', data).inputSchema.properties).toEqual({});
  });

  it.each([
    [{ data: { nodes: 'nope' } }],
    [{ data: { nodes: [{ name: 'no id' }] } }],
    [{ data: { nodes: [{ id: 'node-start::1', data: { outputs: {} } }] } }],
    [{ data: { nodes: [start([{ name: 'a', schema: 'str' }])] } }],
    [{ data: { nodes: [start([{ name: 'a', allowedFileType: 'pdf' }])] } }],
    [{ data: [] }],
  ])('refuses a malformed protocol %j', (releaseData) => {
    expect(() => mcpToolDescriptor('x', '', releaseData)).toThrow(MalformedProtocolError);
  });
});
