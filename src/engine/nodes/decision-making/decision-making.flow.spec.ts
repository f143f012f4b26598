import { OpenAiFixture } from '../../../../test/fixtures/openai-fixture';
import { Json, output } from '../../../../test/chat.helpers';
import {
  decisionNode,
  edge,
  END,
  extractorNode,
  llmNode,
  openaiModel,
  promptEnd,
  protocol,
  START,
  start,
  variableEnd,
} from '../../../../test/llm/llm-flows';
import { buildWorkflow, runWorkflow } from '../../index';
import type { RunFrame } from '../../runtime/run-frame';
import { createLlmService } from '../../providers/llm-services';

// decision-making and extractor-parameter inside the real engine.

describe('decision-making and extractor-parameter in a run', () => {
  const fixture = new OpenAiFixture();
  beforeAll(() => fixture.start());
  afterAll(() => fixture.close());
  beforeEach(() => fixture.reset());

  async function run(dsl: Json): Promise<RunFrame[]> {
    const built = buildWorkflow((dsl as { data: unknown }).data);
    const frames: RunFrame[] = [];
    for await (const frame of runWorkflow(built, {
      parameters: { AGENT_USER_INPUT: 'hello' },
      services: { llm: createLlmService() },
    })) {
      frames.push(frame);
    }
    return frames;
  }
  const endText = (frames: RunFrame[]) =>
    frames
      .filter((f) => f.workflow_step?.node?.id === END && !f.workflow_step.node.finish_reason)
      .map((f) => f.choices[0].delta.content)
      .join('');
  const nodeEnd = (frames: RunFrame[], id: string) =>
    frames.find(
      (f) => f.workflow_step?.node?.id === id && f.workflow_step.node.finish_reason === 'stop',
    );

  const model = () => openaiModel(fixture.chatUrl);
  const decisionFlow = (withMusicEdge: boolean) =>
    protocol(
      [
        start(),
        decisionNode('d', model(), [
          { id: 'w', name: 'weather', description: 'weather questions' },
          { id: 'm', name: 'music', description: 'music requests' },
          { id: 'd', name: 'default', description: 'default intent', intentType: 1 },
        ]),
        llmNode('w', model(), { template: 'WEATHER' }),
        llmNode('m', model(), { template: 'MUSIC' }),
        llmNode('f', model(), { template: 'FALLBACK' }),
        promptEnd('[{{w}}{{m}}{{f}}]', {
          w: ['spark-llm::w', 'output'],
          m: ['spark-llm::m', 'output'],
          f: ['spark-llm::f', 'output'],
        }),
      ],
      [
        edge(START, 'decision-making::d'),
        edge('decision-making::d', 'spark-llm::w', 'intent-one-of::w'),
        ...(withMusicEdge ? [edge('decision-making::d', 'spark-llm::m', 'intent-one-of::m')] : []),
        edge('decision-making::d', 'spark-llm::f', 'intent-one-of::d'),
        edge('spark-llm::w', END),
        edge('spark-llm::m', END),
        edge('spark-llm::f', END),
      ],
    );

  it('routes by the intent the model names and reports class_name, raw output and usage', async () => {
    fixture.script.add({ match: 'text classification', tokens: ['{"category_name": "music"}'] });
    fixture.script.add({ match: 'MUSIC', tokens: ['la la'] });
    const frames = await run(decisionFlow(true));
    expect(endText(frames)).toContain('la la');
    expect(fixture.requests.map((r) => r.prompt)).toEqual([
      expect.stringContaining('classification'),
      'MUSIC',
    ]);
    expect(nodeEnd(frames, 'decision-making::d')?.workflow_step?.node).toMatchObject({
      outputs: { class_name: 'music' },
      ext: { raw_output: '{"category_name": "music"}' },
      usage: { total_tokens: 15 },
    });
  });

  it('falls back to the default intent when the chosen intent has no edge', async () => {
    fixture.script.add({ match: 'text classification', tokens: ['{"category_name": "music"}'] });
    fixture.script.add({ match: 'FALLBACK', tokens: ['fb'] });
    const frames = await run(decisionFlow(false));
    expect(endText(frames)).toContain('fb');
    expect(frames[frames.length - 1].code).toBe(0);
  });

  it('fails with the provider code instead of routing to the default', async () => {
    fixture.script.add({ match: 'text classification', httpStatus: 503 });
    const frames = await run(decisionFlow(true));
    expect(frames[frames.length - 1]).toMatchObject({ code: 20380 });
    expect(fixture.requests).toHaveLength(1);
  });

  it('extracts typed fields', async () => {
    fixture.script.add({ tokens: ['```json\n{"city": "Paris", "days": "3"}\n```'] });
    const frames = await run(
      protocol(
        [
          start(),
          extractorNode('x', model(), [
            output('city', { type: 'string', description: 'city' }, true),
            output('days', { type: 'integer', description: 'days' }, true),
            output('budget', { type: 'number', default: 100 }),
          ]),
          variableEnd({
            city: ['extractor-parameter::x', 'city'],
            days: ['extractor-parameter::x', 'days', 'integer'],
            budget: ['extractor-parameter::x', 'budget', 'number'],
          }),
        ],
        [edge(START, 'extractor-parameter::x'), edge('extractor-parameter::x', END)],
      ),
    );
    expect(nodeEnd(frames, 'extractor-parameter::x')?.workflow_step?.node?.outputs).toEqual({
      city: 'Paris',
      days: 3,
      budget: 100,
    });
  });
});
