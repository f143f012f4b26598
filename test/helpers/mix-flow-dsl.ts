import { edge, endNode, input, node, output, ref, startNode, type Json } from '../chat.helpers';
import { llmNode, openaiModel } from '../llm/llm-flows';
import { consoleNode, consoleProtocol } from './console-dsl';
import { KB, knowledgeBaseNode, knowledgeProNode, PRO } from './knowledge-flow-dsl';

// Console-shaped flows of the integration-nodes mix spec: knowledge → LLM → agent → end, and
// the smallest flow through each knowledge node (docs/nodes.md#knowledge-base,
// docs/nodes.md#knowledge-pro-base, docs/nodes.md#agent).

export const MIX = {
  start: 'node-start::s',
  knowledge: KB,
  llm: 'spark-llm::l',
  agent: 'agent::a',
  end: 'node-end::e',
} as const;

const start = () =>
  consoleNode(startNode('s', [output('AGENT_USER_INPUT', 'string', true)]), {
    nodeType: '基础节点',
    aliasName: '开始',
  });

/** An agent node with the console's settings; its query is the `input` it reads from `from`. */
function agentNode(from: [string, string]): Json {
  return node(MIX.agent, {
    inputs: [input('input', 'string', ref(from[0], from[1]))],
    outputs: [output('REASONING_CONTENT', 'string'), output('output', 'string')],
    nodeParam: {
      appId: 'app-agent',
      apiKey: 'key1',
      apiSecret: 'secret1',
      uid: 'console-uid',
      source: 'xinghuo',
      modelConfig: {
        domain: 'xdeepseekv3',
        api: 'https://maas-api.example/v1/chat/completions',
        agentStrategy: 1,
      },
      instruction: { reasoning: '', answer: 'Answer kindly', query: '{{input}}' },
      plugin: { tools: [], mcpServerIds: [], mcpServerUrls: [], workflowIds: [], knowledge: [] },
      maxLoopCount: 10,
      maxTokens: 2048,
      enableChatHistoryV2: { isEnabled: false, rounds: 1 },
      // console-only
      modelId: 2142,
      llmId: 2142,
      serviceId: 'xdeepseekv3',
      model: 'xdeepseekv3',
      modelEnabled: true,
    },
    retryConfig: { timeout: 60, shouldRetry: false, maxRetries: 0, errorStrategy: 0 },
  });
}

/** start → knowledge-base → LLM (prompt quotes the chunks) → agent (asks the LLM's answer) → end. */
export function knowledgeLlmAgentFlow(llmChatUrl: string): Json {
  const llm = llmNode(
    'l',
    openaiModel(llmChatUrl, { llmId: 3021, serviceId: 'gpt-fixture', isThink: false }),
    { template: 'Context: {{ctx}}\nQuestion: {{input}}' },
    [
      input('input', 'string', ref(MIX.start, 'AGENT_USER_INPUT')),
      input('ctx', 'array', ref(KB, 'results')),
    ],
  );
  const end = endNode(
    'e',
    [
      input('answer', 'string', ref(MIX.agent, 'output')),
      input('thought', 'string', ref(MIX.agent, 'REASONING_CONTENT')),
    ],
    { outputMode: 1, template: '{{answer}}', reasoningTemplate: '{{thought}}', streamOutput: true },
  );
  return consoleProtocol(
    [
      start(),
      consoleNode(knowledgeBaseNode([MIX.start, 'AGENT_USER_INPUT']), {
        nodeType: '工具',
        aliasName: '知识库_1',
        x: 400,
      }),
      consoleNode(llm, { nodeType: '基础节点', aliasName: '大模型_1', x: 800 }),
      consoleNode(agentNode([MIX.llm, 'output']), {
        nodeType: 'Agent节点',
        aliasName: 'Agent_1',
        x: 1200,
      }),
      consoleNode(end, { nodeType: '基础节点', aliasName: '结束', x: 1600 }),
    ],
    [edge(MIX.start, KB), edge(KB, MIX.llm), edge(MIX.llm, MIX.agent), edge(MIX.agent, MIX.end)],
    'knowledge llm agent',
  );
}

/** start → knowledge-base → end (variable mode: the results). */
export function consoleKnowledgeFlow(): Json {
  return consoleProtocol(
    [
      start(),
      consoleNode(knowledgeBaseNode([MIX.start, 'AGENT_USER_INPUT']), {
        nodeType: '工具',
        aliasName: '知识库_1',
        x: 400,
      }),
      consoleNode(endNode('e', [input('r', 'array', ref(KB, 'results'))], { outputMode: 0 }), {
        nodeType: '基础节点',
        aliasName: '结束',
        x: 800,
      }),
    ],
    [edge(MIX.start, KB), edge(KB, MIX.end)],
    'console knowledge',
  );
}

/** start → knowledge-pro-base → end (prompt mode, streamed answer). */
export function consoleKnowledgeProFlow(): Json {
  return consoleProtocol(
    [
      start(),
      consoleNode(knowledgeProNode([MIX.start, 'AGENT_USER_INPUT']), {
        nodeType: '工具',
        aliasName: '知识库pro_1',
        x: 400,
      }),
      consoleNode(
        endNode('e', [input('a', 'string', ref(PRO, 'output'))], {
          outputMode: 1,
          template: '{{a}}',
          streamOutput: true,
        }),
        { nodeType: '基础节点', aliasName: '结束', x: 800 },
      ),
    ],
    [edge(MIX.start, PRO), edge(PRO, MIX.end)],
    'console knowledge pro',
  );
}
