import {
  addFlow,
  answerOf,
  createApps,
  DEBUG_CHAT,
  edge,
  endNode,
  input,
  Json,
  node,
  output,
  protocol,
  ref,
  runChat,
  startNode,
  World,
} from './chat.helpers';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// Code nodes inside a flow run over HTTP (debug chat): a console-style Python node feeds a
// JavaScript node, whose outputs the end node prints; a failing node ends the run with its code.

const S = 'node-start::s';
const PY = 'ifly-code::py';
const JS = 'ifly-code::js';

function codeNode(id: string, code: string, inputs: Json[], outputs: Json[], language?: string) {
  return node(id, {
    inputs,
    outputs,
    nodeParam: { code, appId: 'app', uid: 'user', ...(language ? { codeLanguage: language } : {}) },
  });
}

function draft(pythonCode: string): Json {
  return protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
      codeNode(
        PY,
        pythonCode,
        [input('input', 'string', ref(S, 'AGENT_USER_INPUT'))],
        [output('key0', 'string'), output('key1', { type: 'array', items: { type: 'string' } })],
      ),
      codeNode(
        JS,
        'function main({ words, title }) { return { count: words.length, shout: title.toUpperCase() } }',
        [input('words', 'array', ref(PY, 'key1')), input('title', 'string', ref(PY, 'key0'))],
        [output('count', 'integer'), output('shout', 'string')],
        'javascript',
      ),
      endNode(
        'e',
        [input('count', 'integer', ref(JS, 'count')), input('shout', 'string', ref(JS, 'shout'))],
        { outputMode: 1, template: '{{shout}}:{{count}}', streamOutput: true },
      ),
    ],
    [edge(S, PY), edge(PY, JS), edge(JS, 'node-end::e')],
  );
}

describe('code nodes in a flow', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({
      RUNTIME_ENV: 'test',
      CODE_PYTHON_POOL_SIZE: '1',
      CODE_JS_POOL_SIZE: '1',
    });
    w = await createApps(t, uniqueAlias(''));
  });
  afterAll(() => t.close());

  it('runs Python then JavaScript code nodes and renders their outputs', async () => {
    const python =
      'def main(input: str) -> dict:\n    return {"key0": "words", "key1": input.split()}';
    const flowId = await addFlow(t, w.tenant, draft(python));
    const res = await runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: flowId,
      parameters: { AGENT_USER_INPUT: 'one two three' },
    });
    expect(answerOf(res.chunks)).toBe('WORDS:3');
  });

  it('ends the run with the node error code (21602 for a wrong output type)', async () => {
    const python = 'def main(input):\n    return {"key0": 1, "key1": []}';
    const flowId = await addFlow(t, w.tenant, draft(python));
    const res = await runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: flowId,
      parameters: { AGENT_USER_INPUT: 'x' },
    });
    const last = res.chunks[res.chunks.length - 1];
    expect(last.code).toBe(21602);
    expect(last.message).toContain('Code return type is not string');
  });
});
