import {
  edge,
  endNode,
  input,
  lit,
  node,
  output,
  ref,
  startNode,
  type Json,
} from '../chat.helpers';
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
  ifElse: 'if-else::b',
  end: 'node-end::e',
} as const;

const DOCS_CASE = 'branch_one_of::7d1e2f3a-5555-4c6d-9e0f-000000000001';
const ELSE_CASE = 'branch_one_of::7d1e2f3a-5555-4c6d-9e0f-000000000999';

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

/**
 * start → if-else (question contains "docs"?) → knowledge-pro-base, else → agent; the end
 * answers both outputs, the branch not taken giving its default "". Console handles carry the
 * `intent_chain|` prefix (consoleEdge).
 */
export function branchToKnowledgeOrAgentFlow(): Json {
  const ifElse = node(MIX.ifElse, {
    inputs: [
      input('input4a1f', 'string', ref(MIX.start, 'AGENT_USER_INPUT'), 'left-docs'),
      input('input7e2c', 'string', lit('docs'), 'right-docs'),
    ],
    nodeParam: {
      cases: [
        {
          id: DOCS_CASE,
          level: 1,
          logicalOperator: 'and',
          conditions: [
            {
              id: 'cond-docs',
              leftVarIndex: 'left-docs',
              rightVarIndex: 'right-docs',
              compareOperator: 'contains',
            },
          ],
        },
        { id: ELSE_CASE, level: 999, logicalOperator: 'and', conditions: [] },
      ],
    },
  });
  const end = endNode(
    'e',
    [
      input('pro', 'string', ref(PRO, 'output')),
      input('agent', 'string', ref(MIX.agent, 'output')),
    ],
    { outputMode: 1, template: '{{pro}}{{agent}}', streamOutput: true },
  );
  return consoleProtocol(
    [
      start(),
      consoleNode(ifElse, { nodeType: '分支器', aliasName: '分支器_1', x: 400 }),
      consoleNode(knowledgeProNode([MIX.start, 'AGENT_USER_INPUT']), {
        nodeType: '工具',
        aliasName: '知识库pro_1',
        x: 800,
      }),
      consoleNode(agentNode([MIX.start, 'AGENT_USER_INPUT']), {
        nodeType: 'Agent节点',
        aliasName: 'Agent_1',
        x: 800,
        y: 500,
      }),
      consoleNode(end, { nodeType: '基础节点', aliasName: '结束', x: 1200 }),
    ],
    [
      edge(MIX.start, MIX.ifElse),
      edge(MIX.ifElse, PRO, DOCS_CASE),
      edge(MIX.ifElse, MIX.agent, ELSE_CASE),
      edge(PRO, MIX.end),
      edge(MIX.agent, MIX.end),
    ],
    'branch to knowledge or agent',
  );
}
