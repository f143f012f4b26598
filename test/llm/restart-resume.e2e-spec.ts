import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { RunCheckpoints } from '../../src/modules/run/checkpoint/run-checkpoints';
import { RunRecorder } from '../../src/modules/run/records/run-recorder.service';
import { OpenAiFixture } from '../fixtures/openai-fixture';
import {
  answerOf,
  CHAT,
  createApps,
  input,
  messageNode,
  output,
  ref,
  releasedFlow,
  runChat,
} from '../chat.helpers';
import { createTestApp, TestApp } from '../helpers/test-app';
import { TEST_TMP_DIR } from '../helpers/test-paths';
import {
  edge,
  END,
  llmNode,
  openaiModel,
  optionParam,
  promptEnd,
  protocol,
  questionNode,
  START,
  start,
} from './llm-flows';

// Beyond the reference: a paused run survives a restart of the service. The instance that
// paused it stops; a new one (same database; same Redis or a fresh memory registry) serves
// /resume and continues the run from its checkpoint.

const QA = 'question-answer::q';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe.each([
  ['memory', {}],
  ['redis', { REDIS_URL }],
] as [string, Record<string, string>][])(
  'restart between interrupt and resume (%s)',
  (_name, env) => {
    const shared = {
      RUNTIME_ENV: 'test',
      ADMIN_TOKEN: 'restart-admin-token',
      DATABASE_URL:
        process.env.TEST_DATABASE_URL ?? `sqlite:${join(TEST_TMP_DIR, `${randomUUID()}.sqlite`)}`,
      ...env,
    };
    const openai = new OpenAiFixture();
    let after: TestApp | undefined;
    beforeAll(async () => {
      await openai.start();
      openai.script.add({ match: 'AFTER', tokens: ['Large ', 'it is'] });
    });
    afterAll(async () => {
      await after?.close();
      await openai.close();
    });

    it('continues the paused run on the restarted service', async () => {
      const before = await createTestApp(shared);
      const world = await createApps(before, `rs${Date.now() % 1000000}`);
      const flowId = await releasedFlow(
        before,
        world,
        protocol(
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
            messageNode('a', 'You chose {{c}}', [input('c', 'string', ref(QA, 'content'))]),
            llmNode(
              'b',
              openaiModel(openai.chatUrl),
              {
                template: 'AFTER {{c}} for {{i}}',
                enableChatHistoryV2: { isEnabled: true, rounds: 1 },
              },
              [
                input('c', 'string', ref(QA, 'content')),
                input('i', 'string', ref(START, 'AGENT_USER_INPUT')),
              ],
            ),
            promptEnd('{{r}}', { r: ['spark-llm::b', 'output'] }),
          ],
          [
            edge(START, QA),
            edge(QA, 'message::a', 'option-one-of::a'),
            edge(QA, 'spark-llm::b', 'option-one-of::b'),
            edge('message::a', END),
            edge('spark-llm::b', END),
          ],
        ),
      );
      const first = await runChat(before, CHAT, world.caller, {
        flow_id: flowId,
        parameters: { AGENT_USER_INPUT: 'the shirt' },
        history: [
          { role: 'user', content: 'earlier question' },
          { role: 'assistant', content: 'earlier answer' },
        ],
      });
      const eventId = (first.chunks[first.chunks.length - 1].event_data as { event_id: string })
        .event_id;
      const checkpoints = before.app.get(RunCheckpoints);
      for (let i = 0; i < 100 && !(await checkpoints.load(eventId)); i += 1) {
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(await checkpoints.load(eventId)).not.toBeNull();
      await before.close(); // the service stops while the run waits
      const startedBefore = Date.now();

      after = await createTestApp(shared);
      const resumed = await runChat(after, '/workflow/v1/resume', undefined, {
        event_id: eventId,
        content: 'B',
      });
      expect(answerOf(resumed.chunks)).toBe('Large it is');
      // the restored run kept the request history for the model call after the pause
      expect(openai.requests[0].body.messages).toEqual([
        { role: 'user', content: 'earlier question' },
        { role: 'assistant', content: 'earlier answer' },
        { role: 'user', content: 'AFTER Large for the shirt' },
      ]);
      expect(resumed.chunks[resumed.chunks.length - 1]).toMatchObject({
        code: 0,
        choices: [{ finish_reason: 'stop' }],
      });
      // one run record across both instances: started before the restart, ended after it
      await after.app.get(RunRecorder).flush();
      const record = await after
        .http()
        .get(`/workflow/v1/admin/runs/${eventId}`)
        .set('Authorization', 'Bearer restart-admin-token');
      expect(record.body.data).toMatchObject({
        run_id: eventId,
        status: 'succeeded',
        sid: first.chunks[0].id,
      });
      expect(Date.parse(record.body.data.started_at)).toBeLessThan(startedBefore);
      const nodeIds = (record.body.data.nodes as { node_id: string }[]).map((n) => n.node_id);
      expect(nodeIds).toEqual(expect.arrayContaining([START, QA, 'spark-llm::b', END]));
      // finished: the checkpoint is gone and the event cannot be resumed again
      expect(await after.app.get(RunCheckpoints).load(eventId)).toBeNull();
      const again = await runChat(after, '/workflow/v1/resume', undefined, {
        event_id: eventId,
        content: 'B',
      });
      expect(again.chunks[0]).toMatchObject({ code: 23900 });
    });
  },
);
