import { toolCallsText } from './tool-call-text';

// Tool calls as the agent node's reasoning shows them (docs/nodes.md#agent).

const call = (type: string, response: string | undefined) => ({
  type,
  reason: 'why',
  function: { name: 'f', arguments: '{"a":1}', response },
});

const block = (type: string, data: unknown) =>
  `**Reasoning tool ${type}**\n> why\n\n\`\`\`json\n${JSON.stringify(
    { arguments: '{"a":1}', name: 'f', response: data },
    null,
    4,
  )}\n\`\`\`\n---`;

describe('toolCallsText', () => {
  it('reads MCP results, workflow responses and a missing response', () => {
    const mcp = JSON.stringify({ data: { content: [{ type: 'text', text: '晴' }] } });
    const workflow = JSON.stringify({ answer: 42 });
    expect(toolCallsText([call('tool', mcp), call('workflow', workflow), call('tool', '')])).toBe(
      [
        block('tool', [{ type: 'text', text: '晴' }]),
        block('workflow', { answer: 42 }),
        block('tool', []),
      ].join('\n'),
    );
    // non-ASCII text is kept as it is
    expect(toolCallsText([call('tool', mcp)])).toContain('"text": "晴"');
  });

  it('an empty tool result text is {}; unknown gateway codes are 21800', () => {
    const empty = JSON.stringify({ header: { code: 0 }, payload: { text: { text: '' } } });
    expect(toolCallsText([call('tool', empty)])).toBe(block('tool', {}));
    const refused = JSON.stringify({ header: { code: 39999, message: 'nope' } });
    expect(() => toolCallsText([call('tool', refused)])).toThrow(
      expect.objectContaining({ code: 21800, message: 'Tool request failed(nope)' }),
    );
  });

  it('a response that is not JSON fails with 23700', () => {
    expect(() => toolCallsText([call('knowledge', '{oops')])).toThrow(
      expect.objectContaining({ code: 23700 }),
    );
  });
});
