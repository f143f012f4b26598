import { input, Json, messageNode, output, ref } from '../../../../test/chat.helpers';
import {
  edge,
  END,
  optionParam,
  promptEnd,
  protocol,
  questionNode,
  START,
  start,
} from '../../../../test/llm/llm-flows';
import { buildWorkflow, runWorkflow, type RunSnapshot } from '../../index';
import type { RunFrame } from '../../runtime/run-frame';
import { MemoryInterrupts } from '../../testing/memory-interrupts';
import { optionQuestion } from '../../testing/option-question';

// question-answer inside the real engine: interrupt frames, the reply through the registry,
// branch selection, and a run continued from its pause snapshot (what a restart needs).

const QA = 'question-answer::q';

describe('question-answer in a run', () => {
  const registry = new MemoryInterrupts();

  const dsl = protocol(
    [
      start(),
      questionNode(
        'q',
        optionParam([
          { id: 'a', name: 'A', content: 'Small {{input}}' },
          { id: 'b', name: 'B', content: 'Large {{input}}' },
        ]),
        [output('query', 'string'), output('id', 'string'), output('content', 'string')],
      ),
      messageNode('a', 'A:{{c}}', [input('c', 'string', ref(QA, 'content'))]),
      messageNode('b', 'B:{{c}}', [input('c', 'string', ref(QA, 'content'))]),
      promptEnd('end', {}),
    ],
    [
      edge(START, QA),
      edge(QA, 'message::a', 'option-one-of::a'),
      edge(QA, 'message::b', 'option-one-of::b'),
      edge('message::a', END),
      edge('message::b', END),
    ],
  );
  const built = buildWorkflow((dsl as { data: unknown }).data);

  function start_(eventId: string, extra: Json = {}) {
    const frames: RunFrame[] = [];
    const iterator = runWorkflow(built, {
      parameters: { AGENT_USER_INPUT: 'shirt' },
      eventId,
      services: { interrupts: registry },
      ...extra,
    })[Symbol.asyncIterator]();
    const until = async (stop: (f: RunFrame) => boolean) => {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return undefined;
        frames.push(next.value);
        if (stop(next.value)) return next.value;
      }
    };
    return { frames, until, iterator };
  }
  const isInterrupt = (f: RunFrame) => f.choices[0].finish_reason === 'interrupt';
  const isStop = (f: RunFrame) => f.choices[0].finish_reason === 'stop';
  const answer = (eventId: string, content: string) =>
    registry.reply(eventId, QA, { event_type: 'resume', content });
  const messages = (frames: RunFrame[]) =>
    frames
      .filter((f) => f.workflow_step?.node?.id.startsWith('message::'))
      .map((f) => f.choices[0].delta.content)
      .join('');

  it('interrupts, takes the reply, follows the chosen option', async () => {
    const run = start_('r1');
    const interrupt = await run.until(isInterrupt);
    expect(interrupt).toMatchObject({
      workflow_step: { node: { id: QA, finish_reason: 'interrupt' } },
      event_data: {
        event_id: 'r1',
        event_type: 'interrupt',
        need_reply: false,
        value: optionQuestion('Pick a size', { A: 'Small shirt', B: 'Large shirt' }),
      },
    });
    // two node-start frames for the question node (docs/engine.md#the-pause)
    const starts = run.frames.filter(
      (f) => f.workflow_step?.node?.id === QA && !f.workflow_step.node.finish_reason,
    );
    expect(starts.length).toBe(2);
    expect(registry.event('r1')).toMatchObject({
      status: 'interrupt',
      interrupt_node: QA,
      timeout: 60,
    });
    answer('r1', 'B');
    const stop = await run.until(isStop);
    expect(stop?.code).toBe(0);
    expect(messages(run.frames)).toBe('B:Large shirt');
    expect(registry.event('r1')?.interrupt_node).toBe('');
  });

  it('continues from the pause snapshot in a new run (as after a restart)', async () => {
    const snapshots: RunSnapshot[] = [];
    const controller = new AbortController();
    const first = start_('r2', {
      onPause: (s: RunSnapshot) => snapshots.push(s),
      signal: controller.signal,
    });
    await first.until(isInterrupt);
    expect(snapshots.length).toBeGreaterThan(0);
    const snapshot = JSON.parse(JSON.stringify(snapshots[snapshots.length - 1])) as RunSnapshot;
    controller.abort(); // the process that ran it is gone
    await first.iterator.return?.();

    answer('r2', 'A');
    const second = start_('r2', { resumeFrom: snapshot });
    const stop = await second.until(isStop);
    expect(stop?.code).toBe(0);
    expect(messages(second.frames)).toBe('A:Small shirt');
    expect(second.frames.some(isInterrupt)).toBe(false);
  });
});
