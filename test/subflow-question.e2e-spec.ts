import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  answerOf,
  CHAT,
  createApps,
  DEBUG_CHAT,
  endNode,
  input,
  Json,
  node,
  output,
  ref,
  releasedFlow,
  runChat,
  World,
} from './chat.helpers';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';
import { TEST_TMP_DIR } from './helpers/test-paths';
import { edge, END, promptEnd, protocol, questionNode, START, start } from './llm/llm-flows';

// A question-answer node inside an in-process sub-flow pauses the parent run on the parent's
// event; /resume answers it and the parent goes on (docs/nodes.md#flow). The paused sub-run is
// part of the parent's checkpoint, so a restarted service continues it too.

const QA = 'question-answer::q';
const RESUME = '/workflow/v1/resume';

/** start → question "Your colour?" (direct answer) → end "Sub heard <answer>" */
const askingSub = () =>
  protocol(
    [
      start(),
      questionNode('q', { question: 'Your colour?' }, [
        output('query', 'string'),
        output('content', 'string'),
      ]),
      promptEnd('Sub heard {{a}}', { a: [QA, 'content'] }),
    ],
    [edge(START, QA), edge(QA, END)],
  );

/** start → flow::p (the asking sub-flow, prompt mode) → end "<sub answer> (parent)": nothing of the end node streams before the sub-flow answers */
function parentFlow(w: World, subId: string): Json {
  return protocol(
    [
      start(),
      node('flow::p', {
        inputs: [input('AGENT_USER_INPUT', 'string', ref(START, 'AGENT_USER_INPUT'))],
        outputs: [output('content', 'string')],
        nodeParam: { flowId: subId, appId: w.caller, uid: 'sub-user' },
      }),
      endNode('e', [input('c', 'string', ref('flow::p', 'content'))], {
        outputMode: 1,
        template: '{{c}} (parent)',
        streamOutput: true,
      }),
    ],
    [edge(START, 'flow::p'), edge('flow::p', END)],
  );
}

interface Interrupt {
  event_id: string;
  event_type: string;
  value: { type: string; content: string };
}

function interruptOf(chunks: Json[]): Interrupt {
  const last = chunks[chunks.length - 1];
  expect(last).toMatchObject({ code: 0, choices: [{ finish_reason: 'interrupt' }] });
  return last.event_data as unknown as Interrupt;
}

function expectStopped(chunks: Json[]): void {
  expect(chunks[chunks.length - 1]).toMatchObject({
    code: 0,
    choices: [{ finish_reason: 'stop' }],
  });
}

describe('flow:: a question inside an in-process sub-flow', () => {
  const databaseUrl =
    process.env.TEST_DATABASE_URL ?? `sqlite:${join(TEST_TMP_DIR, `${randomUUID()}.sqlite`)}`;
  const env = { RUNTIME_ENV: 'test', DATABASE_URL: databaseUrl };
  let t: TestApp;
  let w: World;
  let parentId: string;

  beforeAll(async () => {
    t = await createTestApp(env);
    w = await createApps(t, uniqueAlias('sq'));
    const subId = await releasedFlow(t, w, askingSub());
    parentId = await releasedFlow(t, w, parentFlow(w, subId));
  });

  afterAll(() => t?.close());

  const start = (path: string, stream = true) =>
    runChat(t, path, w.caller, {
      flow_id: parentId,
      parameters: { AGENT_USER_INPUT: 'hi' },
      stream,
    });

  it('release stream: the parent pauses with the sub-flow question and resumes with the answer', async () => {
    const first = await start(CHAT);
    const asked = interruptOf(first.chunks);
    expect(asked).toMatchObject({
      event_type: 'interrupt',
      value: { type: 'direct', content: 'Your colour?' },
    });
    const resumed = await runChat(t, RESUME, undefined, {
      event_id: asked.event_id,
      event_type: 'resume',
      content: 'blue',
    });
    expect(answerOf(resumed.chunks)).toBe('Sub heard blue (parent)');
    expectStopped(resumed.chunks);
    // answered: the event is gone
    const again = await runChat(t, RESUME, undefined, {
      event_id: asked.event_id,
      content: 'red',
    });
    expect(again.chunks[0]).toMatchObject({ code: 23900 });
  });

  it('non-stream and debug: the same pause, the interrupt names the sub-flow node', async () => {
    const quiet = await start(CHAT, false);
    expect(quiet.chunks).toHaveLength(1);
    const asked = interruptOf(quiet.chunks);
    const done = await runChat(t, RESUME, undefined, {
      event_id: asked.event_id,
      content: 'green',
      stream: false,
    });
    expect(done.chunks[0]).toMatchObject({
      code: 0,
      choices: [{ delta: { content: 'Sub heard green (parent)' }, finish_reason: 'stop' }],
    });

    const debug = await start(DEBUG_CHAT);
    const last = debug.chunks[debug.chunks.length - 1] as Json & {
      workflow_step: { node: { id: string } };
    };
    expect(last.workflow_step.node.id).toBe('flow::p');
    const debugAsk = interruptOf(debug.chunks);
    const debugDone = await runChat(t, '/workflow/v1/debug/resume', undefined, {
      event_id: debugAsk.event_id,
      content: 'grey',
    });
    expect(debugDone.chunks.map((c) => JSON.stringify(c)).join('')).toContain('Sub heard grey');
    expectStopped(debugDone.chunks);
  });

  it('a restarted service continues the paused sub-flow from the parent checkpoint', async () => {
    const first = await start(CHAT);
    const asked = interruptOf(first.chunks);
    await t.close(); // the service stops while the sub-flow waits for the user
    t = await createTestApp(env);
    const resumed = await runChat(t, RESUME, undefined, {
      event_id: asked.event_id,
      content: 'violet',
    });
    expect(answerOf(resumed.chunks)).toBe('Sub heard violet (parent)');
    expectStopped(resumed.chunks);
  });
});
