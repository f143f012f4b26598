import {
  addFlow,
  CHAT,
  createApps,
  DEBUG_CHAT,
  edge,
  endNode,
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
import {
  runAnswer,
  runRefused,
  ToolGatewayFixture,
  type GatewayReply,
} from './fixtures/tool-gateway.fixture';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// plugin node against the tool gateway contract (docs/nodes.md#plugin), here a loopback
// fixture reached through PLUGIN_BASE_URL: the request the gateway sees, the answer through
// debug and released chat, the schema cache, and every error code the node can end with.

const S = 'node-start::s';
const P = 'plugin::p';
const DOC = {
  openapi: '3.0.1',
  paths: {
    '/weather/{city}': {
      post: {
        operationId: 'weather',
        parameters: [
          { name: 'city', in: 'path', schema: { type: 'string' } },
          { name: 'X-Uid', in: 'header', schema: { type: 'string', 'x-from': 1 } },
          { name: 'unit', in: 'query', schema: { type: 'string', default: 'c' } },
        ],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  city: { type: 'string' },
                  opts: { type: 'object', properties: { days: { type: 'integer', default: 3 } } },
                },
              },
            },
          },
        },
      },
    },
  },
};

function pluginFlow(nodeParam: Json = {}): Json {
  return protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string'), output('city', 'string')]),
      node(P, {
        inputs: [
          input('city', 'string', ref(S, 'city')),
          input('X-Uid', 'string', ref(S, 'AGENT_USER_INPUT')),
        ],
        outputs: [output('temp', 'integer'), output('desc', 'string')],
        nodeParam: {
          pluginId: 'tool@weather',
          operationId: 'weather',
          appId: 'app1',
          version: 'V1.0',
          businessInput: ['X-Uid'],
          ...nodeParam,
        },
      }),
      endNode(
        'e',
        [input('temp', 'integer', ref(P, 'temp')), input('desc', 'string', ref(P, 'desc'))],
        {
          outputMode: 1,
          template: '{{temp}}|{{desc}}',
          streamOutput: true,
        },
      ),
    ],
    [edge(S, P), edge(P, 'node-end::e')],
  );
}

describe('plugin node (tool gateway)', () => {
  const gateway = new ToolGatewayFixture();
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    await gateway.start();
    gateway.tools.set('tool@weather', DOC);
    gateway.result = (call) => ({
      temp: 21,
      desc: `sunny in ${String(call.parts.path?.city)}`,
      extra: 'ignored',
    });
    t = await createTestApp({
      RUNTIME_ENV: 'test',
      PLUGIN_BASE_URL: `${gateway.baseUrl}/`,
      PLUGIN_TIMEOUT_MS: '1500',
      PLUGIN_SCHEMA_TTL_SEC: '60',
    });
    w = await createApps(t, uniqueAlias(''));
  });
  afterAll(async () => {
    await t.close();
    await gateway.close();
  });

  const debug = async (proto: Json, stream = true) =>
    outcome(
      await runChat(t, DEBUG_CHAT, w.caller, {
        flow_id: await addFlow(t, w.tenant, proto),
        uid: 'runner1',
        stream,
        parameters: { AGENT_USER_INPUT: 'user-7', city: '北京' },
      }),
    );

  it('debug chat (stream and not): assembles the call and answers the typed result', async () => {
    const proto = pluginFlow({ version: 'V-debug' });
    for (const stream of [true, false]) {
      gateway.script();
      expect(await debug(proto, stream)).toEqual({
        code: 0,
        text: '21|sunny in 北京',
        message: '',
      });
      // the first run fetched the schema, the second used the cached one
      expect(gateway.schemaCalls.map(String)).toEqual(
        stream ? ['app_id=app1&tool_ids=tool%40weather&versions=V-debug'] : [],
      );
    }
    const [call] = gateway.runCalls;
    expect(call.body.header).toEqual({ app_id: 'app1' });
    expect(call.body.parameter).toEqual({
      tool_id: 'tool@weather',
      operation_id: 'weather',
      version: 'V-debug',
    });
    expect(call.parts).toEqual({
      header: { 'X-Uid': 'user-7' },
      query: { unit: 'c' },
      path: { city: '北京' },
      body: { city: '北京', opts: { days: 3 } },
    });
  });

  it('released chat (stream and not)', async () => {
    const flowId = await releasedFlow(t, w, pluginFlow());
    for (const stream of [true, false]) {
      gateway.script();
      const res = await runChat(t, CHAT, w.caller, {
        flow_id: flowId,
        stream,
        parameters: { AGENT_USER_INPUT: 'u', city: 'Oslo' },
      });
      expect(outcome(res)).toEqual({ code: 0, text: '21|sunny in Oslo', message: '' });
      expect(gateway.runCalls).toHaveLength(1);
    }
  });

  it('maps every gateway code (unknown → 21800) with the gateway message', async () => {
    const table: [number, number, string][] = [
      [30001, 21801, 'Tool initialization failed'],
      [30100, 21800, 'Tool request failed'],
      [30200, 21802, 'Tool JSON protocol parsing failed'],
      [30201, 21803, 'Tool protocol validation failed'],
      [30300, 21804, 'Tool OpenAPI protocol parsing failed'],
      [30301, 21805, 'Tool body type not supported'],
      [30302, 21806, 'Tool server does not exist'],
      [30400, 21807, 'Official tool request failed'],
      [30403, 21812, 'Third-party tool request failed'],
      [30500, 21808, 'Tool does not exist'],
      [30600, 21809, 'Tool operation does not exist'],
      [39999, 21800, 'Tool request failed'],
    ];
    const proto = pluginFlow();
    for (const [index, [gatewayCode, code, text]] of table.entries()) {
      gateway.script({ run: [runRefused(gatewayCode, `boom ${gatewayCode}`)] });
      expect(await debug(proto, index % 2 === 0)).toEqual({
        code,
        text: '',
        message: `${text}(boom ${gatewayCode})`,
      });
    }
  });

  it('21808 for a tool without id; 23400 for an unknown operation', async () => {
    const noId: GatewayReply = { body: { code: 0, data: { tools: [{ schema: '{}' }] } } };
    gateway.script({ schema: [noId] });
    expect(await debug(pluginFlow({ version: 'V-noid' }))).toMatchObject({
      code: 21808,
      message: 'Tool does not exist(Tool ID is empty)',
    });
    gateway.script();
    expect(await debug(pluginFlow({ operationId: 'nope' }), false)).toEqual({
      code: 23400,
      text: '',
      message: 'Plugin node execution failed(plugin not found: nope)',
    });
  });

  it('21810 for a dropped connection and a stall, within the deadline', async () => {
    const proto = pluginFlow();
    gateway.script({ run: [{ drop: true }] });
    expect(await debug(proto)).toMatchObject({ code: 21810 });
    gateway.script({ schema: [{ drop: true }] });
    expect(await debug(pluginFlow({ version: 'V-drop' }), false)).toMatchObject({ code: 21810 });
    gateway.script({ run: [{ stallMs: 10_000 }] });
    const started = Date.now();
    expect(await debug(proto, false)).toEqual({
      code: 21810,
      text: '',
      message: 'Tool request failed, connection error(no answer within 1500 ms)',
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('23400 for malformed gateway answers', async () => {
    const proto = pluginFlow();
    const cases: [GatewayReply, string][] = [
      [{ raw: '<html>bad gateway', status: 502 }, 'HTTP 502, not a JSON body: <html>bad gateway'],
      [{ body: { payload: {} } }, 'gateway answer has no header'],
      [{ body: { header: { code: 0 } } }, 'gateway answer has no payload.text.text'],
      [
        { body: { header: { code: 0 }, payload: { text: { text: 'not json' } } } },
        'tool result is not JSON',
      ],
      [{ body: runAnswer([1, 2]) }, 'tool result is not an object'],
    ];
    for (const [index, [reply, detail]] of cases.entries()) {
      gateway.script({ run: [reply] });
      expect(await debug(proto, index % 2 === 1)).toEqual({
        code: 23400,
        text: '',
        message: `Plugin node execution failed(${detail})`,
      });
    }
  });
});
