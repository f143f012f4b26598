import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenAiFixture } from '../../../../test/fixtures/openai-fixture';
import { SparkFixture } from '../../../../test/fixtures/spark-fixture';
import { input, Json } from '../../../../test/chat.helpers';
import {
  edge,
  END,
  lit,
  llmNode,
  openaiModel,
  promptEnd,
  protocol,
  sparkModel,
  START,
  start,
  userInput,
} from '../../../../test/llm/llm-flows';
import { buildWorkflow, runWorkflow } from '../../index';
import type { RunFrame } from '../../runtime/run-frame';
import { createLlmService } from '../../providers/llm-services';

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
      services: { llm: createLlmService() },
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

  it('sends the SYSTEM_IMAGE input: as a URL to OpenAI, downloaded as base64 to Spark image models', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const images = createServer((_req, res) => res.writeHead(200).end(png));
    await new Promise<void>((r) => images.listen(0, '127.0.0.1', r));
    const imageUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}/cat.png`;
    const spark = await new SparkFixture().start();
    try {
      const withImage = (model: Json) =>
        protocol(
          [
            start(),
            llmNode('l', model, {}, [userInput(), input('SYSTEM_IMAGE', 'string', lit(imageUrl))]),
            promptEnd('{{r}}', { r: ['spark-llm::l', 'output'] }),
          ],
          [edge(START, 'spark-llm::l'), edge('spark-llm::l', END)],
        );
      await run(withImage(openaiModel(fixture.chatUrl)));
      expect(fixture.requests[0].body.messages![0]).toEqual({
        role: 'user',
        content: [{ type: 'image_url', image_url: { url: imageUrl } }],
      });
      await run(withImage(sparkModel(spark.url, { domain: 'image' })));
      expect(spark.requests[0].body.payload.message.text[0]).toEqual({
        role: 'user',
        content: png.toString('base64'),
        content_type: 'image',
      });
    } finally {
      await spark.close();
      images.close();
    }
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
