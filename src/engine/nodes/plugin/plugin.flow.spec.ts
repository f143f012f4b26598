import {
  ToolGatewayFixture,
  runRefused,
  type GatewayReply,
} from '../../../../test/fixtures/tool-gateway.fixture';
import * as b from '../../testing/flow-builder';
import { runForNode } from '../../testing/run-helpers';
import { sleep } from '../../../../test/fixtures/fixture-script';
import { HttpToolGateway } from './http-tool-gateway';
import './plugin.executor';

// The plugin node inside the real engine against a loopback tool gateway: schema cache,
// deadlines (own and retry budget), cancellation and output typing.

const PLUGIN = 'plugin::p';
const DOC = {
  openapi: '3.0.1',
  paths: {
    '/weather/{city}': {
      get: {
        operationId: 'weather',
        parameters: [
          { name: 'city', in: 'path', schema: { type: 'string' } },
          { name: 'unit', in: 'query', schema: { type: 'string', default: 'c' } },
        ],
      },
    },
  },
};

const gatewayFixture = new ToolGatewayFixture();
let clock = 0;
let gateway: HttpToolGateway;

beforeAll(async () => {
  await gatewayFixture.start();
  gatewayFixture.tools.set('tool@w', DOC);
});
beforeEach(() => {
  clock = 0;
  gateway = new HttpToolGateway({
    getUrl: gatewayFixture.getUrl,
    runUrl: gatewayFixture.runUrl,
    timeoutMs: 800,
    schemaTtlMs: 1000,
    now: () => clock,
  });
  gatewayFixture.script();
  gatewayFixture.result = () => ({ temp: 21, desc: 7, extra: true });
});
afterAll(() => gatewayFixture.close());

function pluginFlow(extra: { param?: b.Json; retry?: b.Json } = {}) {
  const plugin = b.node(PLUGIN, {
    inputs: [b.input('city', 'string', b.ref(b.START, b.USER_INPUT))],
    outputs: [
      b.output('temp', 'integer'),
      b.output('desc', 'string'),
      b.output('missing', 'array'),
    ],
    param: { pluginId: 'tool@w', operationId: 'weather', appId: 'app1', ...extra.param },
    retry: extra.retry,
  });
  const end = b.endNode([b.input('temp', 'integer', b.ref(PLUGIN, 'temp'))]);
  return b.startToEnd(plugin, end);
}

function run(dsl: b.Json, signal?: AbortSignal) {
  const services = { toolGateway: gateway };
  return runForNode(dsl, PLUGIN, { parameters: { [b.USER_INPUT]: 'Paris' }, services, signal });
}

describe('plugin node in a run', () => {
  it('runs the operation and types the outputs (mistyped or missing → zero value)', async () => {
    const { node: result } = await run(pluginFlow());
    expect(result?.outputs).toEqual({ temp: 21, desc: '', missing: [] });
    expect(gatewayFixture.runCalls[0].parts).toEqual({
      query: { unit: 'c' },
      path: { city: 'Paris' },
    });
    expect(gatewayFixture.runCalls[0].body.parameter).toEqual({
      tool_id: 'tool@w',
      operation_id: 'weather',
      version: 'V1.0',
    });
    expect(gatewayFixture.schemaCalls[0].toString()).toBe(
      'app_id=app1&tool_ids=tool%40w&versions=V1.0',
    );
  });

  it('caches the schema per (app, tool, version) until the TTL expires', async () => {
    await run(pluginFlow());
    await run(pluginFlow());
    expect(gatewayFixture.schemaCalls).toHaveLength(1);
    await run(pluginFlow({ param: { version: 'V2.0' } }));
    expect(gatewayFixture.schemaCalls).toHaveLength(2);
    clock = 1000;
    await run(pluginFlow());
    expect(gatewayFixture.schemaCalls).toHaveLength(3);
    expect(gatewayFixture.runCalls).toHaveLength(4);
  });

  it('does not cache a refused schema answer; an unknown operation is 23400', async () => {
    gatewayFixture.script({ schema: [{ body: { code: 500, message: 'down' } }] });
    expect((await run(pluginFlow())).last).toMatchObject({
      code: 23400,
      message: 'Plugin node execution failed(plugin not found: weather)',
    });
    expect((await run(pluginFlow())).last.code).toBe(0);
    expect(gatewayFixture.schemaCalls).toHaveLength(2);
  });

  it('a stalled gateway ends the node with 21810 at its own deadline', async () => {
    const stall: GatewayReply = { stallMs: 5000 };
    gatewayFixture.script({ run: [stall] });
    const started = Date.now();
    expect((await run(pluginFlow())).last).toMatchObject({
      code: 21810,
      message: 'Tool request failed, connection error(no answer within 800 ms)',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('with retries, a stall ends inside the retry timeout with 21810, then the fallback', async () => {
    gatewayFixture.script({ schema: [{ stallMs: 5000 }] });
    gateway = new HttpToolGateway({ ...gatewayOptions(), timeoutMs: 60_000 });
    const retry = { timeout: 0.5, shouldRetry: true, maxRetries: 0, errorStrategy: 1 };
    const { node: result } = await run(pluginFlow({ retry }));
    expect(result?.error_outputs).toEqual({
      errorCode: 21810,
      errorMessage: 'Tool request failed, connection error(no answer within 400 ms)',
    });
  });

  it('aborting the run cancels the gateway call', async () => {
    gatewayFixture.script({ run: [{ stallMs: 5000 }] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await run(pluginFlow(), controller.signal);
    expect(Date.now() - started).toBeLessThan(700);
    // the gateway saw the client hang up (the call was cancelled, not left running)
    for (let i = 0; i < 50 && gatewayFixture.abandoned === 0; i += 1) await sleep(10);
    expect(gatewayFixture.abandoned).toBe(1);
  });

  it('maps a refused run to the gateway code with its message', async () => {
    gatewayFixture.script({ run: [runRefused(30600, 'no such operation')] });
    expect((await run(pluginFlow())).last).toMatchObject({
      code: 21809,
      message: 'Tool operation does not exist(no such operation)',
    });
  });
});

function gatewayOptions() {
  return {
    getUrl: gatewayFixture.getUrl,
    runUrl: gatewayFixture.runUrl,
    timeoutMs: 800,
    schemaTtlMs: 0,
  };
}
