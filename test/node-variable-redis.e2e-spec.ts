import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Redis from 'ioredis';
import {
  addFlow,
  answerOf,
  createApps,
  DEBUG_CHAT,
  edge,
  endNode,
  input,
  Json,
  lit,
  node,
  output,
  protocol,
  ref,
  runChat,
  startNode,
  World,
} from './chat.helpers';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';
import { TEST_TMP_DIR } from './helpers/test-paths';

// node-variable with REDIS_URL (docs/nodes.md#node-variable): the values live in one Redis hash
// per scope, as JSON texts, so a value set through one instance is read through another.

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const S = 'node-start::s';
const E = 'node-end::e';

let one: TestApp;
let two: TestApp;
let world: World;
let redis: Redis;
const scope = uniqueAlias('nvr');

beforeAll(async () => {
  const shared = {
    DATABASE_URL:
      process.env.TEST_DATABASE_URL ?? `sqlite:${join(TEST_TMP_DIR, `${randomUUID()}.sqlite`)}`,
    REDIS_URL,
  };
  one = await createTestApp(shared);
  two = await createTestApp(shared);
  world = await createApps(one, uniqueAlias(''));
  redis = new Redis(REDIS_URL);
});

afterAll(async () => {
  const keys = await redis.keys(`sparkflowV2:variable_pool:${scope}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await one.close();
  await two.close();
});

const setFlow = protocol(
  [
    startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
    node('node-variable::set', {
      inputs: [
        input('color', 'string', ref(S, 'AGENT_USER_INPUT')),
        input('n', 'object', lit({ a: [1] })),
      ],
      nodeParam: { method: 'set', flowId: scope },
    }),
    endNode('e', [], { outputMode: 1, template: 'saved' }),
  ],
  [edge(S, 'node-variable::set'), edge('node-variable::set', E)],
);

const getFlow = protocol(
  [
    startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
    node('node-variable::get', {
      outputs: [output('color', 'string'), output('n', 'object')],
      nodeParam: { method: 'get', flowId: scope },
    }),
    endNode(
      'e',
      [
        input('c', 'string', ref('node-variable::get', 'color')),
        input('n', 'object', ref('node-variable::get', 'n')),
      ],
      { outputMode: 0 },
    ),
  ],
  [edge(S, 'node-variable::get'), edge('node-variable::get', E)],
);

async function answer(app: TestApp, proto: Json, parameters: Json): Promise<string> {
  const flowId = await addFlow(app, world.tenant, proto);
  const res = await runChat(app, DEBUG_CHAT, world.caller, {
    flow_id: flowId,
    parameters,
    uid: 'u1',
    chat_id: 'c1',
    stream: false,
  });
  expect(res.chunks[0]).toMatchObject({ code: 0 });
  return answerOf(res.chunks);
}

it('reads through one instance what another set, stored as JSON in the scope hash', async () => {
  expect(await answer(one, setFlow, { AGENT_USER_INPUT: 'teal' })).toBe('saved');
  expect(await answer(two, getFlow, { AGENT_USER_INPUT: '' })).toBe('{"c":"teal","n":{"a":[1]}}');

  const [key] = await redis.keys(`sparkflowV2:variable_pool:${scope}:u1:*:c1`);
  expect(await redis.hgetall(key)).toEqual({ color: '"teal"', n: '{"a":[1]}' });
});
