import { AgentServiceFixture, AGENT_PATH } from '../../../../test/fixtures/agent-service.fixture';
import { sleep } from '../../../../test/fixtures/fixture-script';
import * as b from '../../testing/flow-builder';
import { runForNode } from '../../testing/run-helpers';
import type { AgentService } from './agent-service';
import './agent.executor';

// The agent node inside the real engine against a loopback agent service: retries and
// fallbacks (stream group: only before the first token), an unset URL, cancellation.

const AGENT = 'agent::a';
const fixture = new AgentServiceFixture();
let service: AgentService;

beforeAll(() => fixture.start());
beforeEach(() => {
  fixture.script();
  service = { url: `${fixture.baseUrl}${AGENT_PATH}`, timeoutMs: 10_000, connectTimeoutMs: 1000 };
});
afterAll(() => fixture.close());

function agentFlow(retry?: b.Json) {
  const agent = b.node(AGENT, {
    inputs: [b.input('q', 'string', b.ref(b.START, b.USER_INPUT))],
    outputs: [b.output('REASONING_CONTENT', 'string'), b.output('output', 'string')],
    param: {
      appId: 'app1',
      apiKey: 'k',
      apiSecret: 's',
      modelConfig: { domain: 'd', api: 'https://model/v1', agentStrategy: 1 },
      instruction: { reasoning: '', answer: '', query: '{{q}}' },
      plugin: { tools: [], mcpServerIds: [], mcpServerUrls: [], workflowIds: [] },
      maxLoopCount: 3,
    },
    retry,
  });
  const end = b.endNode([b.input('answer', 'string', b.ref(AGENT, 'output'))], {
    template: '{{answer}}',
    streamOutput: true,
  });
  return b.startToEnd(agent, end);
}

function run(dsl: b.Json, signal?: AbortSignal) {
  const services = { agentService: service };
  return runForNode(dsl, AGENT, { parameters: { [b.USER_INPUT]: 'Paris' }, services, signal });
}

describe('agent node in a run', () => {
  it('retries a failure that came before the first token', async () => {
    fixture.script({ errorCode: 500, message: 'busy' });
    const retry = { timeout: 5, shouldRetry: true, maxRetries: 1, errorStrategy: 0 };
    const { last, node: result } = await run(agentFlow(retry));
    expect(last.code).toBe(0);
    expect(result?.outputs).toEqual({ REASONING_CONTENT: '', output: 'agent: Paris' });
    expect(fixture.calls).toHaveLength(2);
  });

  it('falls back to the custom output when every attempt fails before streaming', async () => {
    fixture.script({ status: 503, raw: 'down' });
    const retry = {
      timeout: 5,
      shouldRetry: true,
      maxRetries: 0,
      errorStrategy: 1,
      customOutput: { output: 'sorry', REASONING_CONTENT: '' },
    };
    const { last, node: result } = await run(agentFlow(retry));
    expect(last.code).toBe(0);
    expect(result?.outputs).toMatchObject({ output: 'sorry' });
    expect(result?.error_outputs).toEqual({
      errorCode: 23700,
      errorMessage: 'Agent node execution failed(HTTP 503: down)',
    });
  });

  it('a failure after the first token interrupts the run whatever the strategy', async () => {
    fixture.script({ tokens: ['par'], errorCode: 7, message: 'lost' });
    const retry = { timeout: 5, shouldRetry: true, maxRetries: 2, errorStrategy: 1 };
    const { last } = await run(agentFlow(retry));
    expect(last).toMatchObject({ code: 23700, message: 'Agent node execution failed(lost)' });
    expect(fixture.calls).toHaveLength(1);
  });

  it('an unset service URL is 23700', async () => {
    service = { timeoutMs: 1000, connectTimeoutMs: 1000 };
    expect((await run(agentFlow())).last).toMatchObject({
      code: 23700,
      message: 'Agent node execution failed(AGENT_API_URL is not configured)',
    });
  });

  it('aborting the run closes the service call', async () => {
    fixture.script({ tokens: ['a', 'b'], hangAfter: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    await run(agentFlow(), controller.signal);
    expect(Date.now() - started).toBeLessThan(1500);
    for (let i = 0; i < 50 && fixture.abandoned === 0; i += 1) await sleep(10);
    expect(fixture.abandoned).toBe(1);
  });
});
