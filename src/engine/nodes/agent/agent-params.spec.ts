import type { NodeDefinition } from '../../dsl/dsl.types';
import { compileAgentParams } from './agent-params';

// Build-time checks of an agent node's nodeParam (docs/nodes.md#agent).

const base = {
  appId: 'a',
  apiKey: 'k',
  apiSecret: 's',
  modelConfig: { domain: 'd', api: 'https://m/v1', agentStrategy: 1 },
  instruction: { reasoning: '', answer: '', query: '{{q}}' },
  plugin: { tools: [], mcpServerIds: [], mcpServerUrls: [], workflowIds: [] },
  maxLoopCount: 10,
};

function compile(nodeParam: Record<string, unknown>) {
  const def = { id: 'agent::a', type: 'agent', nodeParam } as unknown as NodeDefinition;
  return compileAgentParams(def);
}

const knowledgeEntry = (extra: Record<string, unknown>) => ({
  ...base,
  plugin: {
    ...base.plugin,
    knowledge: [
      { name: 'kb', description: '', topK: 2, repoType: 1, match: { repoIds: ['r'] }, ...extra },
    ],
  },
});

describe('compileAgentParams', () => {
  it('defaults: xinghuo, 10240 history budget, the node caller; tool ids normalised', () => {
    const p = compile({ ...base, plugin: { ...base.plugin, tools: ['t1', { tool_id: 't2' }] } });
    expect(p).toMatchObject({
      source: 'xinghuo',
      maxTokens: 10240,
      caller: 'workflow-agent-node',
      historyV2: { enabled: false, rounds: 1 },
      tools: [{ tool_id: 't1', version: 'V1.0' }, { tool_id: 't2' }],
      knowledge: [],
    });
  });

  it.each([
    [{ modelConfig: undefined }, 'nodeParam.modelConfig: field required'],
    [
      { modelConfig: { domain: 'd', api: 'x' } },
      'nodeParam.modelConfig.agentStrategy: field required',
    ],
    [
      { instruction: { reasoning: '', answer: 1, query: '' } },
      'nodeParam.instruction.answer: must be a string',
    ],
    [{ maxLoopCount: 0 }, 'nodeParam.maxLoopCount: must be at least 1'],
    [{ plugin: { ...base.plugin, tools: 'x' } }, 'nodeParam.plugin.tools: must be a list'],
    [
      { plugin: { ...base.plugin, workflowIds: [1] } },
      'nodeParam.plugin.workflowIds: must be strings',
    ],
  ])('refuses %j', (change, message) => {
    expect(() => compile({ ...base, ...change })).toThrow(
      expect.objectContaining({ code: 20100, message: expect.stringContaining(message) }),
    );
  });

  it.each([
    [{ topK: 6 }, 'plugin.knowledge[0].topK: must be in [1, 5]'],
    [{ name: '' }, 'plugin.knowledge[0].name: 1 to 128 chars'],
    [{ repoType: 4 }, 'plugin.knowledge[0].repoType: must be in [1, 3]'],
    [{ match: { repoIds: [] } }, 'plugin.knowledge[0].match.repoIds: at least one id'],
    [{ repoType: 2 }, 'plugin.knowledge[0].match.docIds: at least one id when repoType is 2'],
  ])('refuses the knowledge entry %j', (change, message) => {
    expect(() => compile(knowledgeEntry(change))).toThrow(
      expect.objectContaining({ message: expect.stringContaining(message) }),
    );
  });

  it('sends knowledge in the service spelling', () => {
    const p = compile(knowledgeEntry({ repoType: 2, match: { repoIds: ['r'], docIds: ['d'] } }));
    expect(p.knowledge).toEqual([
      {
        name: 'kb',
        description: '',
        top_k: 2,
        repo_type: 2,
        match: { repo_ids: ['r'], doc_ids: ['d'] },
      },
    ]);
  });
});
