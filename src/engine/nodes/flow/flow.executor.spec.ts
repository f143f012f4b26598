import * as b from '../../testing/flow-builder';
import { endFrameOf, lastFrame, runDsl } from '../../testing/run-helpers';
import { checkCallChain } from './flow.executor';
import type { SubflowCall, SubflowFrame, SubflowService } from './flow-services';
import { readSubflowReply } from './subflow-reply';

const FLOW = 'flow::f';
const QUESTION = {
  event_id: 'ev-1',
  event_type: 'interrupt',
  need_reply: false,
  value: { type: 'direct', content: 'Your colour?' },
};
const USAGE = { completion_tokens: 3, prompt_tokens: 4, total_tokens: 7 };

function frame(content: string, finish?: 'stop', extra: Partial<SubflowFrame> = {}): SubflowFrame {
  return {
    code: 0,
    choices: [{ delta: { content, reasoning_content: '' }, finish_reason: finish }],
    ...extra,
  };
}

function service(
  mode: number | undefined,
  frames: SubflowFrame[],
  calls: SubflowCall[] = [],
  relaysQuestions = false,
) {
  const subflows: SubflowService = {
    maxDepth: 5,
    relaysQuestions,
    outputMode: () => Promise.resolve(mode),
    async *run(call) {
      calls.push(call);
      for (const f of frames) yield await Promise.resolve(f);
    },
  };
  return { subflows };
}

function parent(outputs: ReturnType<typeof b.output>[], template: string, inputName: string) {
  return b.flow(
    [
      b.startNode(),
      b.node(FLOW, {
        inputs: [b.input(b.USER_INPUT, 'string', b.ref(b.START, b.USER_INPUT))],
        outputs,
        param: { flowId: 'sub', appId: 'app', uid: 'u', enableChatHistoryV2: { isEnabled: true } },
      }),
      b.endNode([b.input('x', 'string', b.ref(FLOW, inputName))], { template, streamOutput: true }),
    ],
    [b.edge(b.START, FLOW), b.edge(FLOW, b.END)],
  );
}

describe('flow:: executor', () => {
  it('prompt mode: streams into the end node and adds the sub-flow usage to the run', async () => {
    const calls: SubflowCall[] = [];
    const frames = await runDsl(parent([b.output('content', 'string')], '> {{x}}', 'content'), {
      flowId: 'parent',
      history: [{ role: 'user', content: 'earlier' }],
      services: service(
        1,
        [frame(''), frame('a'), frame('b'), frame('', 'stop', { usage: USAGE })],
        calls,
      ),
    });
    const end = endFrameOf(frames, b.END)!;
    expect(end.code).toBe(0);
    expect(lastFrame(frames).usage).toEqual(USAGE);
    expect(calls[0]).toMatchObject({
      flowId: 'sub',
      appId: 'app',
      uid: 'u',
      parameters: { AGENT_USER_INPUT: 'hi' },
      history: [{ role: 'user', content: 'earlier' }],
      callChain: ['parent'],
    });
    const answer = frames
      .filter((f) => f.workflow_step?.node?.id === b.END)
      .map((f) => f.choices[0].delta.content)
      .join('');
    expect(answer).toBe('> ab');
  });

  it('variable mode: parses the JSON answer; non-objects are 22802', async () => {
    const ok = await runDsl(parent([b.output('k', 'string')], '{{x}}', 'k'), {
      services: service(0, [frame('{"k": "v", "other": 1}', 'stop')]),
    });
    expect(endFrameOf(ok, FLOW)!.workflow_step!.node!.outputs).toMatchObject({ k: 'v' });
    const bad = await runDsl(parent([b.output('k', 'string')], '{{x}}', 'k'), {
      services: service(0, [frame('[1]', 'stop')]),
    });
    expect(lastFrame(bad).code).toBe(22802);
  });

  it('fails with 22801: no output mode, an error frame, an interrupt', async () => {
    const dsl = parent([b.output('content', 'string')], '{{x}}', 'content');
    const noMode = await runDsl(dsl, { services: service(undefined, []) });
    expect(lastFrame(noMode)).toMatchObject({
      code: 22801,
      message: 'Workflow node execution failed',
    });
    const failed = await runDsl(dsl, {
      services: service(1, [{ code: 20204, message: 'not published' }]),
    });
    expect(lastFrame(failed)).toMatchObject({
      code: 22801,
      message: 'Workflow node execution failed(not published)',
    });
    const asked = await runDsl(dsl, {
      services: service(1, [frame('?', undefined, { event_data: QUESTION })]),
    });
    expect(lastFrame(asked)).toMatchObject({
      code: 22801,
      message: expect.stringContaining('a remote sub-flow cannot ask questions'),
    });
  });

  it('relays an in-process sub-flow question as the parent interrupt, then goes on', async () => {
    const calls: SubflowCall[] = [];
    const frames = await runDsl(parent([b.output('content', 'string')], '{{x}}', 'content'), {
      eventId: 'ev-1',
      services: service(
        1,
        [frame('', undefined, { event_data: QUESTION }), frame('after', 'stop')],
        calls,
        true,
      ),
    });
    const interrupt = frames.find((f) => f.event_data !== undefined);
    expect(interrupt).toMatchObject({
      choices: [{ finish_reason: 'interrupt' }],
      event_data: QUESTION,
      workflow_step: { node: { id: FLOW } },
    });
    expect(endFrameOf(frames, FLOW)!.workflow_step!.node!.outputs).toMatchObject({
      content: 'after',
    });
    // the sub-run asks on the parent's event and saves its state as the node's wait state
    expect(calls[0].eventId).toBe('ev-1');
    expect(typeof calls[0].onPause).toBe('function');
  });

  it('waits for the user without the per-frame limit while the sub-flow is paused', async () => {
    async function* slowAfterQuestion(): AsyncGenerator<SubflowFrame> {
      yield frame('', undefined, { event_data: QUESTION });
      await new Promise((r) => setTimeout(r, 60));
      yield frame('late', 'stop');
    }
    const seen: string[] = [];
    const reply = await readSubflowReply(slowAfterQuestion(), {
      frameTimeoutMs: 20,
      questions: {
        onQuestion: () => void seen.push('question'),
        onAnswered: () => void seen.push('answered'),
      },
    });
    expect(reply.content).toBe('late');
    expect(seen).toEqual(['question', 'answered']);
  });

  it('refuses cycles and nesting past the limit', () => {
    expect(() => checkCallChain(['a', 'b'], 'a', 5)).toThrow(/call cycle: a -> b -> a/);
    expect(() => checkCallChain(['a', 'b'], 'c', 1)).toThrow(/deeper than 1 levels/);
    expect(() => checkCallChain(['a'], 'b', 1)).not.toThrow();
  });

  it('times out a silent sub-flow per frame', async () => {
    const never: AsyncIterable<SubflowFrame> = {
      [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => undefined) }),
    };
    await expect(readSubflowReply(never, { frameTimeoutMs: 20 })).rejects.toThrow(
      'Flow node response timeout (0.02s)',
    );
  });
});
