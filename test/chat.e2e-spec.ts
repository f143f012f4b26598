import { DataSource } from 'typeorm';
import { LicenseEntity } from '../src/database/entities';
import { AppRepository } from '../src/database/repositories/app.repository';
import {
  answerOf,
  CHAT,
  createApps,
  edge,
  endNode,
  input,
  Json,
  messageNode,
  output,
  protocol,
  ref,
  releasedFlow,
  runChat,
  splitNode,
  startNode,
  World,
} from './chat.helpers';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// Open (released) chat completions through HTTP: release view, streaming and aggregated, and
// every pre-stream failure answered as the JSON error chunk (docs/api.md#chat-completions, docs/api.md#streaming).

const S = 'node-start::s';

function greetingFlow(): Json {
  return protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
      messageNode('m', 'Hi {{q}}. ', [input('q', 'string', ref(S, 'AGENT_USER_INPUT'))]),
      endNode('e', [input('a', 'string', ref(S, 'AGENT_USER_INPUT'))], {
        outputMode: 1,
        template: 'You said {{a}}',
        reasoningTemplate: 'thinking',
        streamOutput: true,
      }),
    ],
    [edge(S, 'message::m'), edge('message::m', 'node-end::e')],
  );
}

const ZERO_USAGE = { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 };

describe('open chat completions', () => {
  let t: TestApp;
  let w: World;
  let flowId: string;

  beforeAll(async () => {
    t = await createTestApp({ RUNTIME_ENV: 'test' });
    w = await createApps(t, uniqueAlias(''));
    flowId = await releasedFlow(t, w, greetingFlow());
  });

  afterAll(() => t.close());

  it('streams the release view: output text only, numbered, rounded, then the stop frame', async () => {
    const res = await runChat(t, CHAT, w.caller, {
      flow_id: flowId,
      parameters: { AGENT_USER_INPUT: 'yo' },
    });
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('text/event-stream; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['x-accel-buffering']).toBe('no');
    expect(res.raw).not.toContain('[DONE]');
    expect(res.raw).not.toContain('null');
    const { chunks } = res;
    expect(answerOf(chunks)).toBe('Hi yo. You said yo');
    expect(chunks.map((c) => (c.workflow_step as Json).seq)).toEqual(chunks.map((_, i) => i + 1));
    const progress = chunks.map((c) => (c.workflow_step as Json).progress as number);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.every((p) => Number(p.toFixed(2)) === p)).toBe(true);
    for (const c of chunks) {
      expect(Object.keys(c).slice(0, 4)).toEqual(['code', 'message', 'id', 'created']);
      expect(c.id).toBe(chunks[0].id);
      expect(Number.isInteger(c.created)).toBe(true);
      expect((c.workflow_step as Json).node).toBeUndefined();
      expect((c.choices as Json[])[0].index).toBe(0);
    }
    const reasoning = chunks
      .map((c) => ((c.choices as Json[])[0].delta as Json).reasoning_content)
      .join('');
    expect(reasoning).toBe('thinking');
    const last = chunks[chunks.length - 1];
    expect(last).toMatchObject({
      code: 0,
      message: 'Success',
      workflow_step: { progress: 1 },
      choices: [{ delta: { content: '' }, finish_reason: 'stop' }],
      usage: ZERO_USAGE,
    });
    expect(
      chunks.slice(0, -1).every((c) => (c.choices as Json[])[0].finish_reason === undefined),
    ).toBe(true);
  });

  it('answers one aggregated JSON chunk when stream=false', async () => {
    const res = await runChat(t, CHAT, w.caller, {
      flow_id: flowId,
      stream: false,
      parameters: { AGENT_USER_INPUT: 'yo' },
    });
    expect(res.contentType).toMatch(/^application\/json/);
    expect(res.chunks).toHaveLength(1);
    expect(res.chunks[0]).toEqual({
      code: 0,
      message: 'Success',
      id: expect.any(String),
      created: expect.any(Number),
      choices: [
        {
          delta: {
            role: 'assistant',
            content: 'Hi yo. You said yo',
            reasoning_content: 'thinking',
          },
          index: 0,
          finish_reason: 'stop',
        },
      ],
      usage: ZERO_USAGE,
    });
  });

  it('ignores unknown body keys (model, messages, extra_body)', async () => {
    const res = await runChat(t, CHAT, w.caller, {
      flow_id: flowId,
      stream: false,
      model: 'x',
      messages: [{ role: 'user', content: 'x' }],
      extra_body: {},
      parameters: { AGENT_USER_INPUT: 'yo' },
    });
    expect(res.chunks[0].code).toBe(0);
  });

  it('treats null optional fields as absent', async () => {
    const res = await runChat(t, CHAT, w.caller, {
      flow_id: flowId,
      stream: null,
      uid: null,
      chat_id: null,
      history: null,
      version: null,
      ext: null,
      parameters: { AGENT_USER_INPUT: 'yo' },
    });
    expect(res.contentType).toBe('text/event-stream; charset=utf-8');
    expect(answerOf(res.chunks)).toBe('Hi yo. You said yo');
  });

  it('forwards a run failure at once with its real code (docs/decisions.md#q1)', async () => {
    const failing = await releasedFlow(
      t,
      w,
      protocol(
        [
          startNode('s', [output('AGENT_USER_INPUT', 'string', true), output('n', 'integer')]),
          messageNode('m', 'before ', [input('q', 'string', ref(S, 'AGENT_USER_INPUT'))]),
          splitNode('x', ',', [input('v', 'integer', ref(S, 'n'))]),
          endNode('e', [input('a', 'array', ref('text-joiner::x', 'output'))], { outputMode: 0 }),
        ],
        [
          edge(S, 'message::m'),
          edge('message::m', 'text-joiner::x'),
          edge('text-joiner::x', 'node-end::e'),
        ],
      ),
    );
    const started = Date.now();
    const res = await runChat(t, CHAT, w.caller, {
      flow_id: failing,
      parameters: { AGENT_USER_INPUT: 'q', n: 5 },
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(answerOf(res.chunks)).toBe('before ');
    const last = res.chunks[res.chunks.length - 1];
    expect(last).toEqual({
      code: 23500,
      message: expect.stringMatching(/^Text joiner node execution failed/),
      id: expect.any(String),
      created: expect.any(Number),
      choices: [
        {
          delta: { role: 'assistant', content: '', reasoning_content: '' },
          index: 0,
          finish_reason: 'stop',
        },
      ],
      usage: ZERO_USAGE,
    });
    const aggregated = await runChat(t, CHAT, w.caller, {
      flow_id: failing,
      stream: false,
      parameters: { AGENT_USER_INPUT: 'q', n: 5 },
    });
    expect(aggregated.chunks[0]).toMatchObject({
      code: 23500,
      choices: [{ finish_reason: 'stop' }],
    });
  });

  describe('pre-stream failures answer one JSON error chunk, also when stream=true', () => {
    function expectErrorChunk(
      res: { contentType: string; chunks: Json[] },
      code: number,
      message: RegExp | string,
    ) {
      expect(res.contentType).toMatch(/^application\/json/);
      expect(res.chunks).toHaveLength(1);
      expect(res.chunks[0]).toEqual({
        code,
        message: typeof message === 'string' ? message : expect.stringMatching(message),
        id: expect.any(String),
        created: expect.any(Number),
        workflow_step: { node: null, seq: 0, progress: 1 },
        choices: [
          {
            delta: { role: 'assistant', content: '', reasoning_content: '' },
            index: 0,
            finish_reason: 'stop',
          },
        ],
        usage: ZERO_USAGE,
        event_data: null,
      });
      expect(Number.isInteger(res.chunks[0].created)).toBe(true);
    }

    it('20201 for an unknown flow', async () => {
      const res = await runChat(t, CHAT, w.caller, {
        flow_id: '7300000000000000001',
        parameters: {},
      });
      expectErrorChunk(res, 20201, 'Flow ID not found');
    });

    it('20805 for a non-numeric flow id (an unexpected failure in the reference)', async () => {
      const res = await runChat(t, CHAT, w.caller, { flow_id: 'abc', parameters: {} });
      expectErrorChunk(res, 20805, 'OpenAPI output error');
    });

    it('20004 for an app without licence', async () => {
      const other = await createApps(t, uniqueAlias(''));
      const res = await runChat(t, CHAT, other.caller, { flow_id: flowId, parameters: {} });
      expectErrorChunk(res, 20004, 'Application not bound to workflow');
    });

    it('20005 for a disabled licence', async () => {
      const own = await createApps(t, uniqueAlias(''));
      const id = await releasedFlow(t, own, greetingFlow());
      const app = await t.app.get(AppRepository).findByAlias(own.caller);
      await t.app
        .get(DataSource)
        .getRepository(LicenseEntity)
        .update({ appId: app!.id }, { status: 0 });
      const res = await runChat(t, CHAT, own.caller, { flow_id: id, parameters: {} });
      expectErrorChunk(res, 20005, 'Appid is prohibited from using this workflow');
    });

    it('20204 for a licensed flow that was taken down', async () => {
      const down = await releasedFlow(t, w, greetingFlow());
      const takeDown = await t
        .http()
        .post('/v1/publish')
        .set('X-Consumer-Username', w.tenant)
        .send({ flow_id: down, release_status: 3, plat: 1 });
      expect(takeDown.body.code).toBe(0);
      const res = await runChat(t, CHAT, w.caller, { flow_id: down, parameters: {} });
      expectErrorChunk(res, 20204, 'Workflow not published');
    });

    it.each([
      [
        'missing header',
        undefined,
        { flow_id: '1', parameters: {} },
        /header->x-consumer-username/,
      ],
      [
        'uid too long',
        'x',
        { flow_id: '1', parameters: {}, uid: 'u'.repeat(41) },
        /body->uid.*string_too_long/,
      ],
      [
        'chat_id too long',
        'x',
        { flow_id: '1', parameters: {}, chat_id: 'c'.repeat(129) },
        /body->chat_id/,
      ],
      ['parameters missing', 'x', { flow_id: '1' }, /body->parameters.*missing/],
      [
        'bad history role',
        'x',
        { flow_id: '1', parameters: {}, history: [{ role: 'system', content: 'x' }] },
        /body->history->0->role/,
      ],
      ['malformed JSON', 'x', '{"flow_id":', /json_invalid/],
    ])('460 for %s, with created in milliseconds', async (_name, alias, body, line) => {
      const before = Date.now();
      const res = await runChat(t, CHAT, alias, body);
      expect(res.contentType).toMatch(/^application\/json/);
      expect(res.chunks[0]).toEqual({
        code: 460,
        message: expect.stringMatching(line),
        id: expect.any(String),
        created: expect.any(Number),
      });
      expect(res.chunks[0].created as number).toBeGreaterThanOrEqual(before);
    });
  });
});
