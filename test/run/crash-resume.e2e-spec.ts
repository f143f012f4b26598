import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  CHAT,
  createApps,
  edge,
  input,
  messageNode,
  output,
  protocol,
  ref,
  releasedFlow,
  World,
} from '../chat.helpers';
import { createTestApp } from '../helpers/test-app';
import { TEST_TMP_DIR } from '../helpers/test-paths';
import { ServiceProcess, startService } from '../helpers/service-process';
import { answerText, Frame, postStream } from '../helpers/sse-client';
import { END, optionParam, promptEnd, questionNode, START, start } from '../llm/llm-flows';

// Paused runs survive a crash (SIGKILL, no shutdown hooks) of the instance that paused them:
// resumes sent to another instance at once — while the dead instance's leases are still live —
// continue every run, and a kill right after the pause frames arrived loses none of them
// (the frame leaves only once its checkpoint is committed). No resume waits long without bytes.

/** runs per round; CRASH_RESUME_RUNS=50 for the full figure (not in CI: minutes) */
const RUNS = Number(process.env.CRASH_RESUME_RUNS ?? 10);
const QA = 'question-answer::q';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** longest a resume may leave its client without a byte (owner check + take-over) */
const MAX_SILENCE_MS = 6000;

function pickFlow() {
  const user = input('i', 'string', ref(START, 'AGENT_USER_INPUT'));
  return protocol(
    [
      start(),
      questionNode(
        'q',
        optionParam([
          { id: 'a', name: 'A', content: 'Small' },
          { id: 'b', name: 'B', content: 'Large' },
        ]),
        [output('query', 'string'), output('id', 'string'), output('content', 'string')],
      ),
      messageNode('a', 'Small for {{i}}', [user]),
      messageNode('b', 'Large for {{i}}', [user]),
      promptEnd('', {}),
    ],
    [
      edge(START, QA),
      edge(QA, 'message::a', 'option-one-of::a'),
      edge(QA, 'message::b', 'option-one-of::b'),
      edge('message::a', END),
      edge('message::b', END),
    ],
  );
}

describe('paused runs across a SIGKILL of their instance (Redis)', () => {
  const env = {
    RUNTIME_ENV: 'test',
    REDIS_URL,
    CODE_PYTHON_SPARES: '0',
    DATABASE_URL:
      process.env.TEST_DATABASE_URL ?? `sqlite:${join(TEST_TMP_DIR, `${randomUUID()}.sqlite`)}`,
    FILE_STORAGE_DIR: join(TEST_TMP_DIR, 'files', randomUUID()),
  };
  const services: ServiceProcess[] = [];
  let world: World;
  let flowId: string;

  const boot = () => {
    const service = startService(env);
    void service.then((s) => services.push(s));
    return service;
  };

  beforeAll(async () => {
    // schema, apps and the released flow, written once into the shared database
    const setup = await createTestApp(env);
    try {
      world = await createApps(setup, `cr${Date.now() % 1000000}`);
      flowId = await releasedFlow(setup, world, pickFlow());
    } finally {
      await setup.close();
    }
  }, 60_000);
  afterAll(() => {
    for (const service of services) service.kill();
  });

  /** Starts RUNS chats on `service`; resolves with their event ids as their pauses arrive. */
  function pauseRuns(service: ServiceProcess, tag: string): Promise<string>[] {
    return Array.from({ length: RUNS }, async (_, i) => {
      const { frames } = await postStream(
        `${service.url}${CHAT}`,
        { flow_id: flowId, stream: true, parameters: { AGENT_USER_INPUT: `${tag}-${i}` } },
        { 'X-Consumer-Username': world.caller },
      );
      const last = frames[frames.length - 1];
      expect(last).toMatchObject({ code: 0, choices: [{ finish_reason: 'interrupt' }] });
      return (last.event_data as { event_id: string }).event_id;
    });
  }

  /** Resumes every run on `service`: option B for odd runs, A for even ones. */
  async function resumeAll(service: ServiceProcess, tag: string, eventIds: string[]) {
    const results = await Promise.all(
      eventIds.map((eventId, i) =>
        postStream(
          `${service.url}/workflow/v1/resume`,
          {
            event_id: eventId,
            content: i % 2 ? 'B' : 'A',
          },
          {},
          20_000,
        ),
      ),
    );
    results.forEach(({ frames, longestWaitMs }, i) => {
      const last: Frame = frames[frames.length - 1];
      expect({ run: i, code: last.code, answer: answerText(frames) }).toEqual({
        run: i,
        code: 0,
        answer: `${i % 2 ? 'Large' : 'Small'} for ${tag}-${i}`,
      });
      expect(last).toMatchObject({ choices: [{ finish_reason: 'stop' }] });
      expect(longestWaitMs).toBeLessThan(MAX_SILENCE_MS);
    });
  }

  it(
    'continues every run paused by a killed instance, resumed at once elsewhere',
    async () => {
      // the instance that dies and the one that takes over, started side by side
      const [first, second] = await Promise.all([boot(), boot()]);
      await Promise.all([first.ready, second.ready]);
      const third = await boot(); // the restart of the first, for the second round

      // round 1: paused well before the kill; every resume lands within the dead leases' life
      const paused = await Promise.all(pauseRuns(first, 'one'));
      first.kill();
      await resumeAll(second, 'one', paused);

      // round 2: killed right as the last pause frame arrived
      await third.ready;
      const pending = pauseRuns(second, 'two');
      const ids = await Promise.all(pending);
      second.kill();
      await resumeAll(third, 'two', ids);
    },
    60_000 + RUNS * 6_000,
  );
});
