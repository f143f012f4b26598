import { OpenAiFixture } from './fixtures/openai-fixture';
import {
  edge,
  ifElseNode,
  input,
  joinerNode,
  Json,
  lit,
  node,
  output,
  ref,
  splitNode,
} from './chat.helpers';
import { createTestApp, TestApp } from './helpers/test-app';
import { llmNode, openaiModel } from './llm/llm-flows';

// POST /node/debug (docs/api.md#node-debug): the first node of the DSL runs alone through the
// engine; both prefixes, the trailing-slash spelling the console uses, errors with their codes.

describe('node debug', () => {
  const openai = new OpenAiFixture();
  let t: TestApp;

  beforeAll(async () => {
    await openai.start();
    t = await createTestApp({ RUNTIME_ENV: 'test' });
  });
  afterAll(async () => {
    await t.close();
    await openai.close();
  });
  beforeEach(() => openai.reset());

  const debugNode = (nodes: Json[], edges: unknown[] = [], path = '/workflow/v1/node/debug') =>
    t.http().post(path).send({ id: '7300000000000000009', name: 'flow', data: { nodes, edges } });

  it.each(['/workflow/v1/node/debug', '/sparkflow/v1/node/debug', '/sparkflow/v1/node/debug/'])(
    'runs a text-joiner alone at %s',
    async (path) => {
      const joiner = joinerNode('j', '<{{x}}>', [input('x', 'string', lit('ä'))]);
      const res = await debugNode([joiner], [], path).expect(200);
      expect(res.body).toEqual({
        code: 0,
        message: 'success',
        sid: expect.any(String),
        data: {
          node_id: 'text-joiner::j',
          alias_name: 'j',
          node_type: 'text-joiner',
          input: '{"x": "ä"}',
          raw_output: '',
          output: '{"output": "<ä>"}',
          node_exec_cost: expect.stringMatching(/^\d+\.\d{3}$/),
          token_cost: { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 },
        },
      });
    },
  );

  it('reads refs to nodes that do not run as their declared defaults', async () => {
    const joiner = joinerNode('j', '[{{a}}|{{b}}]', [
      input('a', 'string', ref('node-start::s', 'AGENT_USER_INPUT')),
      input('b', 'integer', ref('node-start::s', 'n')),
    ]);
    const start = node('node-start::s', {
      outputs: [
        output('AGENT_USER_INPUT', { type: 'string', default: 'dflt' }),
        output('n', 'integer'),
      ],
    });
    const res = await debugNode([joiner, start], [edge('node-start::s', 'text-joiner::j')]);
    expect(res.body.data.output).toBe('{"output": "[dflt|0]"}');
  });

  it('runs a branch node and reports the chosen branch result', async () => {
    const branch = ifElseNode(
      'c',
      [input('l', 'string', lit('abc'), 'l1'), input('r', 'string', lit('b'), 'r1')],
      [
        {
          id: 'yes',
          level: 1,
          conditions: [{ leftVarIndex: 'l1', rightVarIndex: 'r1', compareOperator: 'contains' }],
        },
        { id: 'no', level: 999 },
      ],
    );
    const res = await debugNode([branch]);
    expect(res.body).toMatchObject({
      code: 0,
      data: { node_id: 'if-else::c', output: '{"res": true}' },
    });
  });

  it('reports the model output and token cost of an LLM node, without retries', async () => {
    openai.script.add({
      tokens: ['Hi', '!'],
      usage: { prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 },
    });
    const llm = llmNode('l', openaiModel(openai.chatUrl), { template: 'say {{input}}' }, [
      input('input', 'string', lit('hi')),
    ]);
    const res = await debugNode([llm]);
    expect(res.body.data).toMatchObject({
      node_id: 'spark-llm::l',
      raw_output: 'Hi!',
      output: '{"output": "Hi!"}',
      token_cost: { prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 },
    });
    expect(openai.requests[0].prompt).toContain('say hi');
    openai.reset();
    openai.script.add({ httpStatus: 500 });
    const failing = llmNode(
      'l',
      openaiModel(openai.chatUrl),
      {},
      [input('input', 'string', lit('hi'))],
      undefined,
      {
        shouldRetry: true,
        maxRetries: 3,
        errorStrategy: 1,
      },
    );
    const error = await debugNode([failing]);
    expect(error.body.code).not.toBe(0);
    expect(error.body.data).toBeUndefined();
    expect(openai.requests).toHaveLength(1);
  });

  it('answers a node failure with the node code', async () => {
    const res = await debugNode([splitNode('p', ',', [input('v', 'integer', lit(3))])]);
    expect(res.body).toEqual({
      code: 23500,
      message: expect.stringMatching(/^Text joiner node execution failed/),
      sid: expect.any(String),
    });
  });

  it('answers a build failure with its code', async () => {
    const res = await debugNode([node('unknown-type::x', {})]);
    expect(res.body).toMatchObject({ code: 22101 });
  });

  it.each([
    ['a missing name', { id: '1', data: { nodes: [], edges: [] } }, /body->name/],
    [
      'a bad node id',
      {
        id: '1',
        name: 'n',
        data: {
          nodes: [{ id: 'nocolons', data: { nodeMeta: { nodeType: 'x', aliasName: 'y' } } }],
          edges: [],
        },
      },
      /body->data->nodes->0->id/,
    ],
    ['a missing edges list', { id: '1', name: 'n', data: { nodes: [] } }, /body->data->edges/],
    [
      'a bad input value type',
      {
        id: '1',
        name: 'n',
        data: {
          nodes: [
            {
              id: 'a::1',
              data: {
                nodeMeta: { nodeType: 'x', aliasName: 'y' },
                inputs: [
                  { name: 'i', schema: { type: 'string', value: { type: 'expr', content: 1 } } },
                ],
              },
            },
          ],
          edges: [],
        },
      },
      /inputs->0->schema->value->type/,
    ],
  ])('460 for %s', async (_name, body, line) => {
    const res = await t.http().post('/workflow/v1/node/debug').send(body);
    expect(res.body).toEqual({
      code: 460,
      message: expect.stringMatching(line),
      sid: expect.any(String),
    });
  });
});
