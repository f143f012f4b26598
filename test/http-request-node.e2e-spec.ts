import {
  addFlow,
  CHAT,
  createApps,
  DEBUG_CHAT,
  endNode,
  edge,
  input,
  node,
  output,
  protocol,
  ref,
  releasedFlow,
  runChat,
  startNode,
  type Json,
  type World,
  outcome,
} from './chat.helpers';
import { HttpTargetFixture } from './fixtures/http-target.fixture';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// http-request node through the public API (docs/nodes.md#http-request): a loopback target let
// through HTTP_NODE_ALLOW_HOSTS by host:port, and the outbound guard refusing everything else.

const HTTP = 'http-request::h1';

function httpProto(param: Json): Json {
  return protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string', true), output('url', 'string')]),
      node(HTTP, {
        inputs: [
          input('q', 'string', ref('node-start::s', 'AGENT_USER_INPUT')),
          input('url', 'string', ref('node-start::s', 'url')),
        ],
        outputs: [
          output('status_code', 'integer'),
          output('headers', 'object'),
          output('body', 'object'),
        ],
        nodeParam: param,
      }),
      endNode(
        'e',
        [
          input('status', 'integer', ref(HTTP, 'status_code')),
          input('body', 'object', ref(HTTP, 'body')),
        ],
        { outputMode: 1, template: '{{status}}:{{body.query.q}}', streamOutput: true },
      ),
    ],
    [edge('node-start::s', HTTP), edge(HTTP, 'node-end::e')],
  );
}

describe('http-request node', () => {
  const target = new HttpTargetFixture();
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    await target.start();
    t = await createTestApp({
      RUNTIME_ENV: 'test',
      HTTP_NODE_ALLOW_HOSTS: `127.0.0.1:${target.port}`,
      HTTP_NODE_TIMEOUT_MS: '1500',
      HTTP_NODE_MAX_RESPONSE_BYTES: '65536',
    });
    w = await createApps(t, uniqueAlias(''));
  });
  afterAll(async () => {
    await t.close();
    await target.close();
  });

  const params = (url: string) => ({ AGENT_USER_INPUT: 'hi there', url });
  const templated = { method: 'GET', url: '{{url}}', query: { q: '{{q}}' } };

  it.each([true, false])(
    'debug chat (stream %s): calls the target, answers from outputs',
    async (stream) => {
      const flowId = await addFlow(t, w.tenant, httpProto(templated));
      const res = await runChat(t, DEBUG_CHAT, w.caller, {
        flow_id: flowId,
        uid: 'u1',
        stream,
        parameters: params(`${target.origin}/json`),
      });
      expect(res.status).toBe(200);
      const result = outcome(res);
      expect(result.code).toBe(0);
      expect(result.text).toContain('200:hi there');
      if (stream) {
        const end = res.chunks.find(
          (c) =>
            (c.workflow_step as { node?: { id: string; finish_reason?: string } })?.node?.id ===
              HTTP &&
            (c.workflow_step as { node: { finish_reason?: string } }).node.finish_reason === 'stop',
        );
        const outputs = (end?.workflow_step as { node: { outputs: Json } }).node.outputs;
        expect(outputs).toMatchObject({ status_code: 200, body: { query: { q: 'hi there' } } });
      }
    },
  );

  it.each([true, false])(
    'released chat (stream %s): answers, non-2xx kept as outputs',
    async (stream) => {
      const flowId = await releasedFlow(t, w, httpProto(templated));
      const ok = await runChat(t, CHAT, w.caller, {
        flow_id: flowId,
        uid: 'u1',
        stream,
        parameters: params(`${target.origin}/json`),
      });
      expect(outcome(ok)).toEqual({ code: 0, text: '200:hi there', message: '' });
      const notFound = await runChat(t, CHAT, w.caller, {
        flow_id: flowId,
        uid: 'u1',
        stream,
        parameters: params(`${target.origin}/status/404`),
      });
      expect(outcome(notFound).code).toBe(0);
      expect(outcome(notFound).text).toMatch(/^404:/);
    },
  );

  it.each([
    'http://localhost:1/',
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://192.168.0.10/',
    'http://169.254.169.254/latest/meta-data/',
  ])('refuses %s with 24001 (stream and non-stream)', async (url) => {
    const flowId = await releasedFlow(t, w, httpProto(templated));
    for (const stream of [true, false]) {
      const res = await runChat(t, CHAT, w.caller, {
        flow_id: flowId,
        uid: 'u1',
        stream,
        parameters: params(url),
      });
      const result = outcome(res);
      expect(result.code).toBe(24001);
      expect(result.message).toContain('HTTP request node target address is not allowed');
    }
  });

  it('refuses a redirect from the allowed target to the metadata address', async () => {
    const flowId = await addFlow(t, w.tenant, httpProto(templated));
    const to = encodeURIComponent('http://169.254.169.254/latest/meta-data/');
    const res = await runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: flowId,
      uid: 'u1',
      stream: true,
      parameters: params(`${target.origin}/redirect?to=${to}`),
    });
    expect(outcome(res).code).toBe(24001);
  });

  it('fails a stalled target with 24002 and an oversized body with 24003', async () => {
    const flowId = await addFlow(t, w.tenant, httpProto(templated));
    const stalled = await runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: flowId,
      uid: 'u1',
      stream: false,
      parameters: params(`${target.origin}/stall`),
    });
    expect(outcome(stalled).code).toBe(24002);
    const big = await runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: flowId,
      uid: 'u1',
      stream: true,
      parameters: params(`${target.origin}/big?bytes=${300 * 1024}`),
    });
    expect(outcome(big).code).toBe(24003);
    const dropped = await runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: flowId,
      uid: 'u1',
      stream: true,
      parameters: params(`${target.origin}/drop`),
    });
    expect(outcome(dropped).code).toBe(24000);
  });
});
