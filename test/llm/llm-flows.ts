import {
  SPARK_FIXTURE_API_KEY,
  SPARK_FIXTURE_API_SECRET,
  SPARK_FIXTURE_APP_ID,
} from '../fixtures/spark-fixture';
import {
  edge,
  endNode,
  input,
  Json,
  lit,
  messageNode,
  node,
  output,
  protocol,
  ref,
  startNode,
} from '../chat.helpers';

// DSL builders for the model-backed nodes (docs/nodes.md#llm-parameters, docs/nodes.md#spark-llm, docs/nodes.md#decision-making, docs/nodes.md#extractor-parameter, docs/nodes.md#question-answer), as
// the console writes them.

export const START = 'node-start::s';
export const END = 'node-end::e';

export function openaiModel(url: string, extra: Json = {}): Json {
  return {
    model: 'gpt',
    domain: 'gpt-fixture',
    url,
    appId: '',
    apiKey: 'sk-fixture',
    apiSecret: '',
    source: 'openai',
    temperature: 0.5,
    maxTokens: 2048,
    topK: 4,
    ...extra,
  };
}

export function sparkModel(url: string, extra: Json = {}): Json {
  return {
    model: 'spark',
    domain: '4.0Ultra',
    url,
    appId: SPARK_FIXTURE_APP_ID,
    apiKey: SPARK_FIXTURE_API_KEY,
    apiSecret: SPARK_FIXTURE_API_SECRET,
    source: 'xinghuo',
    temperature: 0.5,
    maxTokens: 2048,
    topK: 4,
    ...extra,
  };
}

export const start = () => startNode('s', [output('AGENT_USER_INPUT', 'string')]);
export const userInput = (name = 'input') => input(name, 'string', ref(START, 'AGENT_USER_INPUT'));

export function llmNode(
  suffix: string,
  model: Json,
  param: Json,
  inputs: Json[] = [userInput()],
  outputs: Json[] = [output('output', 'string')],
  retryConfig?: Json,
): Json {
  return node(`spark-llm::${suffix}`, {
    inputs,
    outputs,
    nodeParam: { ...model, template: '{{input}}', systemTemplate: '', respFormat: 0, ...param },
    retryConfig,
  });
}

export interface IntentSpec {
  id: string;
  name: string;
  description: string;
  intentType?: 1 | 2;
}

export function decisionNode(suffix: string, model: Json, intents: IntentSpec[], param: Json = {}) {
  return node(`decision-making::${suffix}`, {
    inputs: [input('Query', 'string', ref(START, 'AGENT_USER_INPUT'))],
    outputs: [output('class_name', 'string')],
    nodeParam: {
      ...model,
      reasonMode: 1,
      useFunctionCall: true,
      promptPrefix: '',
      intentChains: intents.map((i) => ({
        id: `intent-one-of::${i.id}`,
        name: i.name,
        description: i.description,
        intentType: i.intentType ?? 2,
      })),
      ...param,
    },
  });
}

export function extractorNode(suffix: string, model: Json, outputs: Json[], param: Json = {}) {
  return node(`extractor-parameter::${suffix}`, {
    inputs: [userInput()],
    outputs,
    nodeParam: { ...model, reasonMode: 1, instruction: '', ...param },
  });
}

export interface OptionSpec {
  id: string;
  name: string;
  content: string;
  type?: 1 | 2;
}

export function questionNode(suffix: string, param: Json, outputs: Json[]) {
  return node(`question-answer::${suffix}`, {
    inputs: [userInput()],
    outputs,
    nodeParam: {
      question: 'Question for {{input}}?',
      answerType: 'direct',
      timeout: 1,
      needReply: false,
      directAnswer: { handleResponse: false, maxRetryCounts: 2 },
      optionAnswer: [],
      ...param,
    },
  });
}

export function optionParam(options: OptionSpec[], extra: Json = {}): Json {
  return {
    answerType: 'option',
    question: 'Pick a size',
    optionAnswer: options.map((o) => ({
      id: `option-one-of::${o.id}`,
      name: o.name,
      type: o.type ?? 2,
      content_type: 'text',
      content: o.content,
    })),
    ...extra,
  };
}

/** An end node in prompt mode answering `template` over `refs` (name → [nodeId, output]). */
export function promptEnd(template: string, refs: Record<string, [string, string]>): Json {
  return endNode(
    'e',
    Object.entries(refs).map(([name, [nodeId, path]]) => input(name, 'string', ref(nodeId, path))),
    { outputMode: 1, template, streamOutput: true },
  );
}

/** An end node in variable mode exposing `refs` as outputs. */
export function variableEnd(refs: Record<string, [string, string, string?]>): Json {
  return endNode(
    'e',
    Object.entries(refs).map(([name, [nodeId, path, type]]) =>
      input(name, (type ?? 'string') as 'string', ref(nodeId, path)),
    ),
    { outputMode: 0 },
  );
}

/**
 * start → question-answer `q` (one option, A = "Small") → message "You chose {{content}}" →
 * end: the smallest flow that pauses for the user and continues after the answer.
 */
export function oneOptionQuestionFlow(): Json {
  const qa = 'question-answer::q';
  return protocol(
    [
      start(),
      questionNode('q', optionParam([{ id: 'a', name: 'A', content: 'Small' }]), [
        output('query', 'string'),
        output('id', 'string'),
        output('content', 'string'),
      ]),
      messageNode('m', 'You chose {{c}}', [input('c', 'string', ref(qa, 'content'))]),
      promptEnd('', {}),
    ],
    [edge(START, qa), edge(qa, 'message::m', 'option-one-of::a'), edge('message::m', END)],
  );
}

export { edge, lit, protocol };
