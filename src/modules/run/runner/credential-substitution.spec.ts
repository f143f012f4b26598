import { substituteCredentials } from './credential-substitution';

const creds = { appId: 'caller', apiKey: 'key', apiSecret: 'secret' };

function node(id: string, nodeParam?: Record<string, unknown>) {
  return { id, data: { nodeMeta: { aliasName: id }, ...(nodeParam ? { nodeParam } : {}) } };
}

describe('substituteCredentials', () => {
  it.each([
    ['spark-llm::1', {}, true],
    ['decision-making::1', { source: 'xinghuo' }, true],
    ['extractor-parameter::1', { appId: 'author' }, true],
    ['agent::1', undefined, true],
    ['database::1', {}, true],
    ['spark-llm::1', { source: 'openai' }, false],
    ['message::1', {}, false],
    ['plugin::1', {}, false],
  ])('%s with %p → substituted %p', (id, param, expected) => {
    const dsl = { nodes: [node(id, param)], edges: [] };
    const out = substituteCredentials(dsl, creds);
    const outParam = (out.nodes[0].data as { nodeParam?: Record<string, unknown> }).nodeParam;
    if (expected) {
      expect(outParam).toMatchObject({ appId: 'caller', apiKey: 'key', apiSecret: 'secret' });
    } else {
      expect(out.nodes[0]).toBe(dsl.nodes[0]);
    }
  });

  it('keeps other parameters and leaves the input unchanged', () => {
    const dsl = {
      nodes: [node('spark-llm::1', { appId: 'author', template: '{{q}}' })],
      edges: [],
    };
    const before = JSON.stringify(dsl);
    const out = substituteCredentials(dsl, creds);
    expect(out.nodes[0].data).toMatchObject({ nodeParam: { template: '{{q}}', appId: 'caller' } });
    expect(JSON.stringify(dsl)).toBe(before);
  });
});
