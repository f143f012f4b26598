import { edge, input, lit, node, output, ref, type Edge, type Json } from '../chat.helpers';
import { consoleNode, consoleProtocol, type ConsoleLook } from './console-dsl';
import { knowledgeBaseNode, knowledgeProNode } from './knowledge-flow-dsl';

// One console-shaped flow holding every node type of the node catalog's summary table
// (docs/nodes.md#node-reference), each with the nodeParam the console's template saves, UI-only
// keys included. Only /protocol/add and /protocol/build see it, so service settings are inert.

/** A console-style node id: the type prefix and a UUID suffix. */
const id = (prefix: string, n: number) =>
  `${prefix}::7c9e6679-7425-40de-944b-e07fc1f90a${String(n).padStart(2, '0')}`;

export const SINK = {
  start: id('node-start', 1),
  llm: id('spark-llm', 2),
  decision: id('decision-making', 3),
  ifElse: id('if-else', 4),
  code: id('ifly-code', 5),
  iteration: id('iteration', 6),
  iterStart: id('iteration-node-start', 7),
  joiner: id('text-joiner', 8),
  iterEnd: id('iteration-node-end', 9),
  extractor: id('extractor-parameter', 10),
  plugin: id('plugin', 11),
  knowledge: id('knowledge-base', 12),
  knowledgePro: id('knowledge-pro-base', 13),
  database: id('database', 14),
  flow: id('flow', 15),
  agent: id('agent', 16),
  question: id('question-answer', 17),
  variable: id('node-variable', 18),
  rpa: id('rpa', 19),
  message: id('message', 20),
  end: id('node-end', 21),
} as const;

const S = SINK.start;
const PLUGIN_FAIL_HANDLE = 'fail_one_of::9d8e7f6a-4444-4b5c-8d9e-000000000001';
const userText = (name = 'input') => input(name, 'string', ref(S, 'AGENT_USER_INPUT'));

/** The LLM base as the console writes it for a Spark model, UI-only keys included. */
function consoleModel(extra: Json = {}): Json {
  return {
    model: 'spark',
    domain: '4.0Ultra',
    url: 'wss://spark-api.xf-yun.com/v4.0/chat',
    appId: 'console-app',
    apiKey: 'console-key',
    apiSecret: 'console-secret',
    source: 'xinghuo',
    temperature: 0.5,
    maxTokens: 2048,
    topK: 4,
    uid: '',
    patch_id: [],
    searchDisable: true,
    enableChatHistoryV2: { isEnabled: false, rounds: 1 },
    // console-only
    llmId: 110,
    modelId: 110,
    serviceId: 'bm4',
    modelName: 'Spark4.0 Ultra',
    isThink: false,
    multiMode: false,
    auditing: 'default',
    remark: '',
    remarkVisible: false,
    ...extra,
  };
}

const look = (nodeType: string, aliasName: string, x: number, parentId?: string) =>
  ({ nodeType, aliasName, x, y: 240, parentId }) satisfies ConsoleLook;

function sinkNodes(): Json[] {
  const basic = '基础节点';
  const tool = '工具';
  return [
    consoleNode(
      node(S, {
        outputs: [
          {
            ...output('AGENT_USER_INPUT', 'string', true),
            schema: { type: 'string', description: '用户输入' },
          },
          output('items', { type: 'array', items: { type: 'string' } }),
          {
            ...output('doc', 'string'),
            fileType: 'file',
            allowedFileType: ['pdf'],
          },
        ],
      }),
      look(basic, '开始', 0),
    ),
    consoleNode(
      node(SINK.llm, {
        inputs: [userText()],
        outputs: [output('output', 'string')],
        nodeParam: consoleModel({ template: '{{input}}', systemTemplate: '', respFormat: 0 }),
      }),
      look(basic, '大模型_1', 400),
    ),
    consoleNode(
      node(SINK.decision, {
        inputs: [input('Query', 'string', ref(SINK.llm, 'output'))],
        outputs: [output('class_name', 'string')],
        nodeParam: consoleModel({
          reasonMode: 1,
          useFunctionCall: true,
          promptPrefix: '',
          intentChains: [
            {
              id: 'intent-one-of::5f3a0c1e-1111-4a2b-9c3d-000000000001',
              name: 'weather',
              description: 'questions about the weather',
              intentType: 2,
            },
            {
              id: 'intent-one-of::5f3a0c1e-1111-4a2b-9c3d-000000000002',
              name: 'default',
              description: 'default intent',
              intentType: 1,
            },
          ],
        }),
      }),
      look(basic, '决策_1', 800),
    ),
    consoleNode(
      node(SINK.ifElse, {
        inputs: [
          input('input3f2a', 'string', ref(S, 'AGENT_USER_INPUT'), 'cond-left-1'),
          input('input9c1b', 'string', lit('sun'), 'cond-right-1'),
        ],
        nodeParam: {
          cases: [
            {
              id: 'branch_one_of::6a7b8c9d-2222-4e5f-8a9b-000000000001',
              level: 1,
              logicalOperator: 'and',
              conditions: [
                {
                  id: 'cond-1',
                  leftVarIndex: 'cond-left-1',
                  rightVarIndex: 'cond-right-1',
                  compareOperator: 'contains',
                },
              ],
            },
            {
              id: 'branch_one_of::6a7b8c9d-2222-4e5f-8a9b-000000000999',
              level: 999,
              logicalOperator: 'and',
              conditions: [],
            },
          ],
        },
      }),
      look('分支器', '分支器_1', 1200),
    ),
    consoleNode(
      node(SINK.code, {
        inputs: [userText()],
        outputs: [
          output('key0', 'string'),
          output('key1', { type: 'array', items: { type: 'string' } }),
          output('key2', { type: 'object', properties: {} }),
        ],
        nodeParam: {
          codeLanguage: 'python',
          code: 'def main(input):\n    return {"key0": input, "key1": [input], "key2": {}}\n',
          appId: 'console-app',
          uid: '1001',
          codeErrMsg: '',
        },
      }),
      look(tool, '代码_1', 1600),
    ),
    consoleNode(
      node(SINK.iteration, {
        inputs: [input('input', 'array', ref(S, 'items'))],
        outputs: [output('output', { type: 'array', items: { type: 'string' } })],
        nodeParam: { IterationStartNodeId: SINK.iterStart },
      }),
      look(basic, '迭代_1', 2000),
    ),
    consoleNode(
      node(SINK.iterStart, { outputs: [output('input', 'string')] }),
      look(basic, '开始', 20, SINK.iteration),
    ),
    consoleNode(
      node(SINK.joiner, {
        inputs: [input('input', 'string', ref(SINK.iterStart, 'input'))],
        outputs: [output('output', 'string')],
        nodeParam: { mode: 0, prompt: '{{input}}!', separator: '' },
      }),
      look(tool, '文本处理_1', 320, SINK.iteration),
    ),
    consoleNode(
      node(SINK.iterEnd, {
        inputs: [input('output', 'string', ref(SINK.joiner, 'output'))],
        nodeParam: { outputMode: 0, template: '' },
      }),
      look(basic, '结束', 620, SINK.iteration),
    ),
    consoleNode(
      node(SINK.extractor, {
        inputs: [userText()],
        outputs: [
          {
            ...output('city', 'string', true),
            schema: { type: 'string', description: 'the city asked about' },
          },
        ],
        nodeParam: consoleModel({ reasonMode: 1, instruction: '' }),
      }),
      look(basic, '变量提取器_1', 2400),
    ),
    consoleNode(
      node(SINK.plugin, {
        inputs: [input('location', 'string', ref(SINK.extractor, 'city'))],
        outputs: [output('code', 'integer'), output('data', { type: 'object', properties: {} })],
        nodeParam: {
          pluginId: 'tool@8b2f4c6e1a3d',
          operationId: 'weather-query-01',
          appId: 'console-app',
          version: 'V1.0',
          businessInput: [],
          uid: '1001',
          toolDescription: 'city weather',
          code: '',
        },
        // console "error handling": retry once, then take the fail branch
        retryConfig: { timeout: 60, shouldRetry: true, maxRetries: 1, errorStrategy: 2 },
      }),
      look(tool, '天气_1', 2800),
    ),
    consoleNode(
      knowledgeBaseNode([S, 'AGENT_USER_INPUT'], {}, { id: SINK.knowledge }),
      look(tool, '知识库_1', 3200),
    ),
    consoleNode(
      { ...knowledgeProNode([S, 'AGENT_USER_INPUT']), id: SINK.knowledgePro },
      look(tool, '知识库pro_1', 3600),
    ),
    consoleNode(
      node(SINK.database, {
        inputs: [input('name', 'string', ref(SINK.extractor, 'city'), 'db-var-1')],
        outputs: [
          output('isSuccess', 'boolean'),
          output('message', 'string'),
          output('outputList', { type: 'array', items: { type: 'object', properties: {} } }),
        ],
        nodeParam: {
          appId: 'consolea',
          apiKey: 'console-key',
          uid: '1001',
          dbId: '42',
          spaceId: '',
          mode: 3,
          tableName: 'cities',
          sql: '',
          cases: [
            {
              logicalOperator: 'and',
              conditions: [
                {
                  fieldName: 'name',
                  varIndex: 'db-var-1',
                  selectCondition: '=',
                  fieldType: 'string',
                },
              ],
            },
          ],
          assignmentList: [],
          orderData: [{ fieldName: 'id', order: 'asc' }],
          limit: 50,
        },
      }),
      look(basic, '数据库_1', 4000),
    ),
    consoleNode(
      node(SINK.flow, {
        inputs: [userText('AGENT_USER_INPUT')],
        outputs: [output('content', 'string'), output('reasoning_content', 'string')],
        nodeParam: {
          flowId: '7000000000000000042',
          appId: 'console-app',
          uid: '1001',
          version: 'v1.0',
          enableChatHistoryV2: { isEnabled: false, rounds: 1 },
          toolDescription: 'a published workflow',
        },
      }),
      look(tool, '工作流_1', 4400),
    ),
    consoleNode(
      node(SINK.agent, {
        inputs: [input('input', 'string', ref(SINK.llm, 'output'))],
        outputs: [output('REASONING_CONTENT', 'string'), output('output', 'string')],
        nodeParam: {
          appId: 'console-app',
          apiKey: 'console-key',
          apiSecret: 'console-secret',
          uid: '1001',
          source: 'xinghuo',
          modelConfig: {
            domain: 'xdeepseekv3',
            api: 'https://maas-api.cn-huabei-1.xf-yun.com/v1/chat/completions',
            agentStrategy: 1,
          },
          instruction: { reasoning: '', answer: '', query: '{{input}}' },
          plugin: {
            tools: [],
            mcpServerIds: [],
            mcpServerUrls: [],
            workflowIds: [],
            knowledge: [],
          },
          maxLoopCount: 10,
          maxTokens: 2048,
          enableChatHistoryV2: { isEnabled: false, rounds: 1 },
          modelId: 2142,
          llmId: 2142,
          serviceId: 'xdeepseekv3',
          model: 'xdeepseekv3',
          modelEnabled: true,
        },
      }),
      look('Agent节点', 'Agent_1', 4800),
    ),
    consoleNode(
      node(SINK.question, {
        inputs: [userText()],
        outputs: [output('query', 'string'), output('content', 'string')],
        nodeParam: consoleModel({
          question: 'Anything else about {{input}}?',
          answerType: 'direct',
          timeout: 3,
          needReply: false,
          directAnswer: { handleResponse: false, maxRetryCounts: 2 },
          // the console keeps its option template in direct mode too
          optionAnswer: [
            {
              id: 'option-one-of::0b1c2d3e-3333-4f5a-8b6c-00000000000a',
              name: 'A',
              type: 2,
              content_type: 'string',
              content: '',
            },
            {
              id: 'option-one-of::0b1c2d3e-3333-4f5a-8b6c-00000000000b',
              name: 'B',
              type: 2,
              content_type: 'string',
              content: '',
            },
            {
              id: 'option-one-of::0b1c2d3e-3333-4f5a-8b6c-0000000000ff',
              name: 'default',
              type: 1,
              content_type: 'string',
              content: '',
            },
          ],
        }),
      }),
      look(basic, '问答_1', 5200),
    ),
    consoleNode(
      node(SINK.variable, {
        inputs: [input('input', 'string', ref(SINK.question, 'content'))],
        nodeParam: { method: 'set', flowId: '7000000000000000001' },
      }),
      look(basic, '变量存储器_1', 5600),
    ),
    consoleNode(
      node(SINK.rpa, {
        // the console writes literals as typed text; the build coerces '3' to an integer
        inputs: [userText('url'), input('pages', 'integer', lit('3'))],
        outputs: [output('title', 'string')],
        nodeParam: {
          projectId: 'proj-42',
          header: { apiKey: 'rpa-key' },
          source: 'xiaowu',
          rpaParams: { execPosition: 'EXECUTOR' },
          appId: 'console-app',
          uid: '1001',
        },
      }),
      look(tool, 'RPA_1', 6000),
    ),
    consoleNode(
      node(SINK.message, {
        inputs: [userText()],
        outputs: [output('output_m', 'string')],
        nodeParam: { template: 'Sorry, only weather: {{input}}', startFrameEnabled: false },
      }),
      look(basic, '消息_1', 1600),
    ),
    consoleNode(
      node(SINK.end, {
        inputs: [
          input('output', 'string', ref(SINK.agent, 'output')),
          input('title', 'string', ref(SINK.rpa, 'title')),
          input('joined', 'array', ref(SINK.iteration, 'output')),
        ],
        nodeParam: {
          outputMode: 1,
          template: '{{output}} {{title}}',
          reasoningTemplate: '',
          streamOutput: true,
        },
      }),
      look(basic, '结束', 6400),
    ),
  ];
}

function sinkEdges(): Edge[] {
  const chain = [
    SINK.code,
    SINK.iteration,
    SINK.extractor,
    SINK.plugin,
    SINK.knowledge,
    SINK.knowledgePro,
    SINK.database,
    SINK.flow,
    SINK.agent,
    SINK.question,
    SINK.variable,
    SINK.rpa,
    SINK.end,
  ];
  return [
    edge(S, SINK.llm),
    edge(SINK.llm, SINK.decision),
    edge(SINK.decision, SINK.ifElse, 'intent-one-of::5f3a0c1e-1111-4a2b-9c3d-000000000001'),
    edge(SINK.decision, SINK.message, 'intent-one-of::5f3a0c1e-1111-4a2b-9c3d-000000000002'),
    edge(SINK.ifElse, SINK.code, 'branch_one_of::6a7b8c9d-2222-4e5f-8a9b-000000000001'),
    edge(SINK.ifElse, SINK.message, 'branch_one_of::6a7b8c9d-2222-4e5f-8a9b-000000000999'),
    ...chain.slice(1).map((target, index) => edge(chain[index], target)),
    edge(SINK.plugin, SINK.message, PLUGIN_FAIL_HANDLE),
    edge(SINK.message, SINK.end),
    edge(SINK.iterStart, SINK.joiner),
    edge(SINK.joiner, SINK.iterEnd),
  ];
}

/** Every node type of the catalog in one flow, shaped as the console saves it. */
export function kitchenSinkProtocol(): Json {
  return consoleProtocol(sinkNodes(), sinkEdges(), 'kitchen sink');
}
