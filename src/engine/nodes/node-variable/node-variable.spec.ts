import * as b from '../../testing/flow-builder';
import { endFrameOf, lastFrame, runDsl } from '../../testing/run-helpers';
import { MemoryVariables } from '../../testing/memory-variables';

const { START, END, input, ref, lit, output, edge, node } = b;

const SET = 'node-variable::set';
const GET = 'node-variable::get';

function setFlow() {
  return b.flow(
    [
      b.startNode([output('v', 'object')]),
      node(SET, {
        inputs: [input('memo', 'object', ref(START, 'v')), input('n', 'integer', lit(3))],
        param: { method: 'set', flowId: 'f1' },
      }),
      b.endNode([], { outputMode: 0 }),
    ],
    [edge(START, SET), edge(SET, END)],
  );
}

function getFlow() {
  return b.flow(
    [
      b.startNode([]),
      node(GET, {
        outputs: [
          output('memo', 'object'),
          output('n', 'integer'),
          output('absent', 'string', { default: 'dflt' }),
        ],
        param: { method: 'get', flowId: 'f1' },
      }),
      b.endNode([
        input('all', 'object', ref(GET, 'memo')),
        input('n', 'integer', ref(GET, 'n')),
        input('absent', 'string', ref(GET, 'absent')),
      ]),
    ],
    [edge(START, GET), edge(GET, END)],
  );
}

// the Redis backend is driven through HTTP in test/node-variable-redis.e2e-spec.ts
describe.each([['memory', () => ({ store: new MemoryVariables(), close: async () => undefined })]])(
  'node-variable with the %s store',
  (_name, open) => {
    it('stores JSON values per flow/uid/app/chat and reads them back with defaults', async () => {
      const { store, close } = open();
      try {
        const scope = { uid: 'u1', appId: 'a1', chatId: 'c1', services: { variables: store } };
        const set = await runDsl(setFlow(), { ...scope, parameters: { v: { k: [1, 'é'] } } });
        expect(endFrameOf(set, SET)?.workflow_step?.node?.inputs).toEqual({
          memo: { k: [1, 'é'] },
          n: 3,
        });
        const got = await runDsl(getFlow(), { ...scope, parameters: {} });
        expect(endFrameOf(got, END)?.workflow_step?.node?.outputs).toEqual({
          all: { k: [1, 'é'] },
          n: 3,
          absent: 'dflt',
        });
        const otherChat = await runDsl(getFlow(), { ...scope, chatId: 'c2', parameters: {} });
        expect(endFrameOf(otherChat, END)?.workflow_step?.node?.outputs).toEqual({
          all: {},
          n: 0,
          absent: 'dflt',
        });
      } finally {
        await close();
      }
    });
  },
);

it('fails clearly when no variable store is configured', async () => {
  const frames = await runDsl(getFlow(), { parameters: {} });
  expect(lastFrame(frames)).toMatchObject({
    code: 22302,
    message: "Node execution failed(service 'variables' is not configured)",
  });
});
