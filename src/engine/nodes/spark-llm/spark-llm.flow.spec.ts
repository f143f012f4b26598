import { OpenAiFixture } from '../../../../test/fixtures/openai-fixture';
import { Json } from '../../../../test/chat.helpers';
import {
  edge,
  END,
  llmNode,
  openaiModel,
  promptEnd,
  protocol,
  START,
  start,
} from '../../../../test/llm/llm-flows';
import { buildWorkflow, runWorkflow } from '../../index';
import type { RunFrame } from '../../runtime/run-frame';
import { llmProviderFactory } from '../../providers/llm-services';
import { DEFAULT_LLM_PROVIDER_SETTINGS } from '../../providers/llm-provider-factory';

// spark-llm inside the real engine: live streaming into the end node, usage, error frames.

describe('spark-llm in a run', () => {
  const fixture = new OpenAiFixture();
  beforeAll(() => fixture.start());
  afterAll(() => fixture.close());
  beforeEach(() => fixture.reset());

  async function run(dsl: Json, input: Json = {}): Promise<RunFrame[]> {
    const built = buildWorkflow((dsl as { data: unknown }).data);
    const frames: RunFrame[] = [];
    for await (const frame of runWorkflow(built, {
      parameters: { AGENT_USER_INPUT: 'hello' },
      services: { llm: llmProviderFactory(DEFAULT_LLM_PROVIDER_SETTINGS) },
      ...input,
    })) {
      frames.push(frame);
    }
    return frames;
  }

  const flow = (param: Json = {}, retryConfig?: Json) =>
    protocol(
      [
        start(),
        llmNode('l', openaiModel(fixture.chatUrl), param, undefined, undefined, retryConfig),
        promptEnd('<{{r}}>', { r: ['spark-llm::l', 'output'] }),
      ],
      [edge(START, 'spark-llm::l'), edge('spark-llm::l', END)],
    );

  const endContents = (frames: RunFrame[]) =>
    frames
      .filter((f) => f.workflow_step?.node?.id === END)
      .map((f) => f.choices[0].delta.content)
      .filter(Boolean);

  it('streams each model token into the end node before the LLM node ends', async () => {
    fixture.script.add({
      tokens: ['a', 'b', 'c'],
      usage: { prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 },
    });
    const frames = await run(flow());
    expect(endContents(frames)).toEqual(['<', 'a', 'b', 'c', '>']);
    const llmEnd = frames.findIndex(
      (f) =>
        f.workflow_step?.node?.id === 'spark-llm::l' &&
        f.workflow_step.node.finish_reason === 'stop',
    );
    const firstToken = frames.findIndex((f) => f.choices[0].delta.content === 'a');
    expect(firstToken).toBeLessThan(llmEnd);
    expect(frames[llmEnd].workflow_step!.node).toMatchObject({
      outputs: { output: 'abc' },
      ext: { raw_output: 'abc' },
      usage: { prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 },
    });
    expect(frames[frames.length - 1]).toMatchObject({
      code: 0,
      usage: { prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 },
      choices: [{ finish_reason: 'stop' }],
    });
  });

  it('fails the run with the provider code', async () => {
    fixture.script.add({ httpStatus: 429, errorBody: { error: { message: 'slow down' } } });
    const frames = await run(flow());
    const last = frames[frames.length - 1];
    expect(last).toMatchObject({
      code: 20380,
      message: 'External large model request failed(429 slow down)',
      choices: [{ finish_reason: 'stop' }],
    });
  });
});
