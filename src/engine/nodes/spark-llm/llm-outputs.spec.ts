import type { NodeOutput } from '../../dsl/dsl.types';
import { llmOutputs } from './llm-outputs';

const out = (name: string, type: string, extra: object = {}): NodeOutput => ({
  name,
  required: false,
  schema: { type, ...extra },
});

describe('llmOutputs', () => {
  it('text: only the first output gets the text, unless there is reasoning', () => {
    const outputs = [out('output', 'string'), out('REASONING_CONTENT', 'string')];
    expect(llmOutputs(outputs, 0, 'hi', '')).toEqual({ output: 'hi', REASONING_CONTENT: '' });
    expect(llmOutputs(outputs, 0, 'hi', 'hmm')).toEqual({ output: 'hi', REASONING_CONTENT: 'hmm' });
    expect(llmOutputs(outputs, 1, '# md', 'hmm')).toEqual({
      output: '# md',
      REASONING_CONTENT: '',
    });
  });

  it('JSON: keys map to outputs, falsy values are kept, missing ones take the default', () => {
    const outputs = [
      out('count', 'integer', { default: 7 }),
      out('ok', 'boolean', { default: true }),
      out('name', 'string', { default: 'x' }),
      out('tags', 'array'),
      out('missing', 'string', { default: 'dflt' }),
    ];
    const text = '```json\n{"count": 0, "ok": false, "name": "", "tags": []}\n```';
    expect(llmOutputs(outputs, 2, text, '')).toEqual({
      count: 0,
      ok: false,
      name: '',
      tags: [],
      missing: 'dflt',
    });
  });

  it('JSON: unparseable → defaults; a non-object falls back to the text rule', () => {
    const outputs = [out('output', 'string', { default: 'd' }), out('n', 'integer')];
    expect(llmOutputs(outputs, 2, 'not json', '')).toEqual({ output: 'd', n: 0 });
    expect(llmOutputs(outputs, 2, '[1, 2]', '')).toEqual({ output: '[1, 2]', n: 0 });
  });
});
