import { newSnowflakeId } from '../src/core/ids/snowflake';
import { FlowRepository } from '../src/database/repositories/flow.repository';
import { OpenAiFixture } from './fixtures/openai-fixture';
import {
  addFlow,
  answerOf,
  CHAT,
  createApps,
  DEBUG_CHAT,
  edge,
  endNode,
  input,
  joinerNode,
  Json,
  lit,
  messageNode,
  node,
  nodeTrace,
  output,
  protocol,
  ref,
  releasedFlow,
  runChat,
  startNode,
  World,
} from './chat.helpers';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';
import { llmNode, openaiModel } from './llm/llm-flows';

// Failure paths of a run through HTTP: the error strategies of retryConfig (docs/engine.md#failure-handling,
// docs/nodes.md#error-handling), client aborts, and malformed DSLs with their codes (docs/engine.md#build-and-validation).

const S = 'node-start::s';
const E = 'node-end::e';
const L = 'spark-llm::l';

describe('run failures', () => {
  const openai = new OpenAiFixture();
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    await openai.start();
    t = await createTestApp({ RUNTIME_ENV: 'test' });
    w = await createApps(t, uniqueAlias(''));
  });
  afterAll(async () => {
    await t.close();
    await openai.close();
  });
  beforeEach(() => openai.reset());

  const debug = async (proto: Json, body: Json = {}) => {
    const flowId = await addFlow(t, w.tenant, proto);
    return runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: flowId,
      parameters: { AGENT_USER_INPUT: 'hello' },
      ...body,
    });
  };
  const startNodeDef = () => startNode('s', [output('AGENT_USER_INPUT', 'string', true)]);
  const model = () => openaiModel(openai.chatUrl);
  const failModel = (times?: number) =>
    openai.script.add({ httpStatus: 500, errorBody: { error: { message: 'boom' } }, times });

  /** start → LLM (retryConfig) → end printing the LLM output and its error fields */
  const strategyFlow = (retryConfig: Json) =>
    protocol(
      [
        startNodeDef(),
        llmNode('l', model(), {}, undefined, [output('output', 'string')], retryConfig),
        endNode(
          'e',
          [input('out', 'string', ref(L, 'output')), input('code', 'integer', ref(L, 'errorCode'))],
          { outputMode: 0 },
        ),
      ],
      [edge(S, L), edge(L, E)],
    );

  describe('error strategies', () => {
    it('0: the node error ends the run with its code, after the retries', async () => {
      failModel();
      const res = await debug(
        strategyFlow({ shouldRetry: true, maxRetries: 2, errorStrategy: 0, timeout: 5 }),
      );
      const trace = nodeTrace(res.chunks);
      expect(trace.slice(-2)).toEqual([`${L}:error`, expect.stringMatching(/^run-error:/)]);
      const [nodeError, runError] = res.chunks.slice(-2);
      expect(runError.code).toBe(nodeError.code);
      expect(runError.code).not.toBe(0);
      expect(openai.requests).toHaveLength(3);
    });

    it('error handling off (shouldRetry false): one attempt, the run fails', async () => {
      failModel();
      const res = await debug(
        strategyFlow({ shouldRetry: false, maxRetries: 2, errorStrategy: 1 }),
      );
      expect(nodeTrace(res.chunks).pop()).toMatch(/^run-error:/);
      expect(openai.requests).toHaveLength(1);
    });

    it('a retry that succeeds is invisible', async () => {
      failModel(1);
      openai.script.add({ tokens: ['ok'] });
      const res = await debug(
        strategyFlow({ shouldRetry: true, maxRetries: 1, errorStrategy: 0 }),
        {
          stream: false,
        },
      );
      expect(answerOf(res.chunks)).toBe('{"out":"ok","code":0}');
      expect(openai.requests).toHaveLength(2);
    });

    it.each([
      [
        'camelCase',
        {
          shouldRetry: true,
          maxRetries: 0,
          errorStrategy: 1,
          customOutput: { output: 'fallback' },
        },
      ],
      [
        'snake_case',
        {
          should_retry: true,
          max_retries: 0,
          error_strategy: 1,
          custom_output: { output: 'fallback' },
        },
      ],
    ])(
      '1 (%s): the custom output replaces the result and the run goes on',
      async (_name, retry) => {
        failModel();
        const res = await debug(strategyFlow(retry));
        const llmEnd = res.chunks.find((c) => nodeTrace([c])[0] === `${L}:end`)!;
        const node = (llmEnd.workflow_step as { node: Json }).node;
        expect(node.outputs).toMatchObject({ output: 'fallback' });
        expect(node.error_outputs).toEqual({
          errorCode: expect.any(Number),
          errorMessage: expect.any(String),
        });
        expect((node.error_outputs as Json).errorCode).not.toBe(0);
        const last = res.chunks[res.chunks.length - 1];
        expect(last).toMatchObject({ code: 0, choices: [{ finish_reason: 'stop' }] });
        const answer = JSON.parse(
          answerOf(res.chunks.filter((c) => nodeTrace([c])[0] === `${E}:end`)),
        );
        expect(answer.out).toBe('fallback');
        expect(answer.code).toBe((node.error_outputs as Json).errorCode);
      },
    );

    it('2: only the fail branch runs', async () => {
      failModel();
      const proto = protocol(
        [
          startNodeDef(),
          llmNode('l', model(), {}, undefined, [output('output', 'string')], {
            shouldRetry: true,
            maxRetries: 0,
            errorStrategy: 2,
          }),
          messageNode('ok', 'normal:{{o}}', [input('o', 'string', ref(L, 'output'))], false),
          messageNode('bad', 'failed:{{m}}', [input('m', 'string', ref(L, 'errorMessage'))], false),
          endNode('e', [], { outputMode: 1, template: '|end' }),
        ],
        [
          edge(S, L),
          edge(L, 'message::ok', 'normal_one_of::n1'),
          edge(L, 'message::bad', 'fail_one_of::f1'),
          edge('message::ok', E),
          edge('message::bad', E),
        ],
      );
      const res = await debug(proto);
      const text = answerOf(res.chunks);
      expect(text).toMatch(/^failed:.+\|end$/);
      expect(nodeTrace(res.chunks).some((id) => id.startsWith('message::ok'))).toBe(false);
      expect(res.chunks[res.chunks.length - 1]).toMatchObject({ code: 0 });
      // without a failure the normal branch runs
      openai.reset();
      openai.script.add({ tokens: ['fine'] });
      expect(answerOf((await debug(proto, { stream: false })).chunks)).toBe('normal:fine|end');
    });
  });

  describe('client abort', () => {
    /** start → LLM (slow) → node-variable set → end: the variable is set only if the run ends */
    const slowFlow = (scope: string) =>
      protocol(
        [
          startNodeDef(),
          llmNode('l', model(), {}),
          node('node-variable::v', {
            inputs: [input('done', 'string', ref(L, 'output'))],
            nodeParam: { method: 'set', flowId: scope },
          }),
          endNode('e', [input('r', 'string', ref(L, 'output'))], {
            outputMode: 1,
            template: '{{r}}',
            streamOutput: true,
          }),
        ],
        [edge(S, L), edge(L, 'node-variable::v'), edge('node-variable::v', E)],
      );
    const readBack = (scope: string) =>
      protocol(
        [
          startNodeDef(),
          node('node-variable::g', {
            outputs: [output('done', { type: 'string', default: 'unset' })],
            nodeParam: { method: 'get', flowId: scope },
          }),
          endNode('e', [input('d', 'string', ref('node-variable::g', 'done'))], { outputMode: 0 }),
        ],
        [edge(S, 'node-variable::g'), edge('node-variable::g', E)],
      );

    async function abortAfterFirstFrame(path: string, alias: string, flowId: string) {
      const address = t.app.getHttpServer().listening
        ? t.app.getHttpServer().address()
        : await new Promise((resolve) => {
            const server = t.app
              .getHttpServer()
              .listen(0, '127.0.0.1', () => resolve(server.address()));
          });
      const port = (address as { port: number }).port;
      const client = new AbortController();
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-consumer-username': alias },
        body: JSON.stringify({
          flow_id: flowId,
          parameters: { AGENT_USER_INPUT: 'x' },
          uid: 'u',
          chat_id: 'c',
        }),
        signal: client.signal,
      });
      // wait until the model streams (its first token reached the client), then go away
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let received = '';
      while (!received.includes('"content":"a"')) {
        const { value, done } = await reader.read();
        if (done) break;
        received += decoder.decode(value, { stream: true });
      }
      client.abort();
      return received;
    }

    it.each([
      ['debug', DEBUG_CHAT],
      ['release', CHAT],
    ])('cancels the run when the %s client goes away', async (mode, path) => {
      const scope = uniqueAlias('abort');
      openai.script.add({ tokens: ['a', 'b', 'c', 'd', 'e', 'f'], delayMs: 150, times: 1 });
      const flowId =
        mode === 'release'
          ? await releasedFlow(t, w, slowFlow(scope))
          : await addFlow(t, w.tenant, slowFlow(scope));
      const first = await abortAfterFirstFrame(path, w.caller, flowId);
      expect(first).toContain('"content":"a"');
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the model alone needs ~0.9 s
      const res = await debug(readBack(scope), { uid: 'u', chat_id: 'c', stream: false });
      expect(answerOf(res.chunks)).toBe('{"d":"unset"}');
      expect(openai.requests).toHaveLength(1);
      // control: the same flow left alone sets the variable
      openai.script.add({ tokens: ['a', 'b'], times: 1 });
      await debug(slowFlow(scope), { uid: 'u', chat_id: 'c', stream: false });
      expect(
        answerOf((await debug(readBack(scope), { uid: 'u', chat_id: 'c', stream: false })).chunks),
      ).toBe('{"d":"ab"}');
    });
  });

  describe('file inputs are checked before the run (docs/api.md#file-inputs)', () => {
    const fileFlow = () =>
      protocol(
        [
          startNode('s', [
            output('AGENT_USER_INPUT', 'string', true),
            { ...output('doc', 'string', true), fileType: 'file', allowedFileType: ['pdf'] },
          ]),
          endNode('e', [input('d', 'string', ref(S, 'doc'))], { outputMode: 0 }),
        ],
        [edge(S, E)],
      );

    it.each([
      [
        'a missing required file',
        {},
        23602,
        'File variable protocol error(Error: doc is a required parameter)',
      ],
      [
        'a file of another kind',
        { doc: 'http://127.0.0.1:9/x.exe' },
        23601,
        'Invalid file(Error: Unsupported file extension)',
      ],
    ])('%s → %s', async (_name, extra, code, message) => {
      for (const [path, release] of [
        [DEBUG_CHAT, false],
        [CHAT, true],
      ] as const) {
        const flowId = release
          ? await releasedFlow(t, w, fileFlow())
          : await addFlow(t, w.tenant, fileFlow());
        const res = await runChat(t, path, w.caller, {
          flow_id: flowId,
          parameters: { AGENT_USER_INPUT: 'x', ...extra },
        });
        expect(res.chunks).toHaveLength(1);
        expect(res.chunks[0]).toMatchObject({
          code,
          message,
          choices: [{ finish_reason: 'stop' }],
        });
      }
    });
  });

  describe('malformed DSLs fail inside the stream with their code', () => {
    const end = () => endNode('e', [], { outputMode: 1, template: 'x' });
    const good = () => [startNodeDef(), end()];
    const joiner = (id: string, extra: Json[] = []) => joinerNode(id, 'j', extra);

    it.each<[string, unknown, number | RegExp]>([
      ['an empty node list', { nodes: [], edges: [] }, 22100],
      [
        'an unknown node type',
        { nodes: [...good(), node('foo::1', {})], edges: [edge(S, 'foo::1'), edge('foo::1', E)] },
        22101,
      ],
      [
        'a duplicate node id',
        {
          nodes: [...good(), joiner('d'), joiner('d')],
          edges: [edge(S, 'text-joiner::d'), edge('text-joiner::d', E)],
        },
        22300,
      ],
      [
        'an edge to an unknown node',
        { nodes: good(), edges: [edge(S, E), edge(S, 'message::ghost')] },
        22300,
      ],
      [
        'a missing iteration start node',
        {
          nodes: [
            ...good(),
            node('iteration::i', {
              inputs: [input('input', 'array', lit([]))],
              nodeParam: { IterationStartNodeId: 'iteration-node-start::ghost' },
            }),
          ],
          edges: [edge(S, 'iteration::i'), edge('iteration::i', E)],
        },
        22300,
      ],
      [
        'an iteration without start id',
        {
          nodes: [
            ...good(),
            node('iteration::i', {
              inputs: [input('input', 'array', lit([]))],
              nodeParam: { IterationStartNodeId: '' },
            }),
          ],
          edges: [edge(S, 'iteration::i'), edge('iteration::i', E)],
        },
        22101,
      ],
      [
        'a cycle',
        {
          nodes: [...good(), joiner('a'), joiner('b')],
          edges: [
            edge(S, 'text-joiner::a'),
            edge('text-joiner::a', 'text-joiner::b'),
            edge('text-joiner::b', 'text-joiner::a'),
            edge('text-joiner::b', E),
          ],
        },
        22300,
      ],
      [
        'no end node',
        { nodes: [startNodeDef(), joiner('a')], edges: [edge(S, 'text-joiner::a')] },
        /^22\d{3}$/,
      ],
      [
        'no start node',
        { nodes: [joiner('a'), end()], edges: [edge('text-joiner::a', E)] },
        /^22\d{3}$/,
      ],
      [
        'a ref to an unknown node',
        {
          nodes: [
            startNodeDef(),
            endNode('e', [input('a', 'string', ref('message::ghost', 'x'))], { outputMode: 0 }),
          ],
          edges: [edge(S, E)],
        },
        /^22\d{3}$/,
      ],
      [
        'a fail strategy without fail edge',
        {
          nodes: [
            startNodeDef(),
            llmNode(
              'l',
              openaiModel('http://127.0.0.1:9/v1/chat/completions'),
              {},
              undefined,
              undefined,
              { shouldRetry: true, errorStrategy: 2 },
            ),
            end(),
          ],
          edges: [edge(S, L), edge(L, E)],
        },
        /^22\d{3}$/,
      ],
      [
        'an invalid custom output',
        {
          nodes: [
            startNodeDef(),
            llmNode(
              'l',
              openaiModel('http://127.0.0.1:9/v1/chat/completions'),
              {},
              undefined,
              undefined,
              { shouldRetry: true, errorStrategy: 1, customOutput: { output: 42 } },
            ),
            end(),
          ],
          edges: [edge(S, L), edge(L, E)],
        },
        22101,
      ],
      [
        'a literal that does not coerce',
        {
          nodes: [
            startNodeDef(),
            endNode('e', [input('n', 'integer', lit('abc'))], { outputMode: 0 }),
          ],
          edges: [edge(S, E)],
        },
        20100,
      ],
      ['a protocol without data', 'not a dsl', 20100],
    ])('%s', async (_name, dsl, code) => {
      // stored directly: the layout routes refuse to store such protocols in the first place
      const row = await t.app.get(FlowRepository).insert({
        name: 'bad',
        groupId: newSnowflakeId(),
        version: '-1',
        data: { name: 'bad', data: dsl },
        appId: w.tenant,
      });
      const res = await runChat(t, DEBUG_CHAT, w.caller, {
        flow_id: row.id,
        parameters: { AGENT_USER_INPUT: 'x' },
      });
      expect(res.contentType).toBe('text/event-stream; charset=utf-8');
      const last = res.chunks[res.chunks.length - 1];
      expect(last).toMatchObject({
        workflow_step: { seq: 0, progress: 1 },
        choices: [{ finish_reason: 'stop' }],
      });
      if (typeof code === 'number') expect(last.code).toBe(code);
      else expect(String(last.code)).toMatch(code);
      expect(res.chunks).toHaveLength(1); // nothing ran
    });

    it('reaches release clients at once, without workflow_step (docs/decisions.md#q1)', async () => {
      const flowId = await releasedFlow(t, w, protocol(good(), [edge(S, E)]));
      await t.app
        .get(FlowRepository)
        .update(flowId, { releaseData: { name: 'bad', data: { nodes: [], edges: [] } } });
      for (const stream of [true, false]) {
        const res = await runChat(t, CHAT, w.caller, {
          flow_id: flowId,
          stream,
          parameters: { AGENT_USER_INPUT: 'x' },
        });
        expect(res.chunks).toEqual([
          {
            code: 22100,
            message: expect.stringMatching(/^Workflow engine protocol validation failed/),
            id: expect.any(String),
            created: expect.any(Number),
            choices: [
              {
                delta: { role: 'assistant', content: '', reasoning_content: '' },
                index: 0,
                finish_reason: 'stop',
              },
            ],
            usage: { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 },
          },
        ]);
      }
    });
  });
});
