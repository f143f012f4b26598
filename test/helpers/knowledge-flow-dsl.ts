import { input, output, ref, type Json } from '../chat.helpers';

// knowledge-base and knowledge-pro-base nodes as the astron console writes them
// (docs/nodes.md#knowledge-base, docs/nodes.md#knowledge-pro-base): console-only fields
// (`repoList`, `repoType` on knowledge-base, node meta labels) included.

export const KB = 'knowledge-base::kb';
export const PRO = 'knowledge-pro-base::kp';

const RESULTS_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      score: { type: 'number' },
      docId: { type: 'string' },
      content: { type: 'string' },
      references: { type: 'object' },
    },
  },
};

/** A knowledge-base node reading `query` from `from` (node id, output name). */
export function knowledgeBaseNode(
  from: [string, string],
  nodeParam: Json = {},
  extra: { id?: string; outputs?: Json[]; retryConfig?: Json } = {},
): Json {
  const id = extra.id ?? KB;
  return {
    id,
    data: {
      nodeMeta: { nodeType: '工具', aliasName: '知识库_1' },
      inputs: [input('query', 'string', ref(from[0], from[1]), 'query-id')],
      outputs: extra.outputs ?? [output('results', RESULTS_SCHEMA)],
      nodeParam: {
        repoId: ['repo-a', 'repo-b'],
        repoList: [
          { id: 'repo-a', name: 'Guides', tag: 'CBG-RAG' },
          { id: 'repo-b', name: 'FAQ', tag: 'CBG-RAG' },
        ],
        docIds: ['doc-1', 'doc-2'],
        topN: '3',
        ragType: 'CBG-RAG',
        repoType: 2,
        score: 0.2,
        flowId: 'console-flow-id',
        ...nodeParam,
      },
      ...(extra.retryConfig ? { retryConfig: extra.retryConfig } : {}),
    },
  };
}

/** A knowledge-pro-base node reading `query` from `from`, with the console's default settings. */
export function knowledgeProNode(
  from: [string, string],
  nodeParam: Json = {},
  extra: { retryConfig?: Json } = {},
): Json {
  return {
    id: PRO,
    data: {
      nodeMeta: { nodeType: '工具', aliasName: '知识库pro_1' },
      inputs: [input('query', 'string', ref(from[0], from[1]), 'query-id')],
      outputs: [
        output('REASONING_CONTENT', 'string'),
        output('output', 'string'),
        output('result', { type: 'array', items: { type: 'object' } }),
      ],
      nodeParam: {
        model: 'xdeepseekv3',
        url: 'https://maas-api.cn-huabei-1.xf-yun.com/v2',
        domain: 'xdeepseekv3',
        appId: 'app-llm',
        apiKey: 'key-llm',
        apiSecret: 'secret-llm',
        temperature: 0.5,
        maxTokens: 2048,
        topK: 4,
        uid: '',
        ragType: 1,
        repoType: 1,
        repoIds: ['repo-a'],
        repoList: [{ id: 'repo-a', name: 'Guides', tag: 'AIUI-RAG2' }],
        docIds: [],
        repoTopK: 3,
        answerRole: 'You answer from the documents.',
        score: 0.2,
        ...nodeParam,
      },
      ...(extra.retryConfig ? { retryConfig: extra.retryConfig } : {}),
    },
  };
}
