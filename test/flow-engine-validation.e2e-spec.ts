import { ADMIN_TOKEN, seedFlow } from './helpers/app-fixtures';
import {
  addFlow,
  expectError,
  flowRow,
  newApp,
  rowsOfApp,
  validProtocol,
} from './helpers/flow-layout';
import { createTestApp, TestApp } from './helpers/test-app';

// The layout routes validate a protocol by building it with the engine (docs/engine.md#build-and-validation):
// the engine's codes and messages reach the client unchanged through /protocol/add,
// /protocol/update and /protocol/build, and a refused protocol is never stored.

type Protocol = { data: { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] } };

function protocol(): Protocol {
  return validProtocol() as unknown as Protocol;
}

function withNodes(mutate: (p: Protocol) => void): Protocol {
  const p = protocol();
  mutate(p);
  return p;
}

const extraNode = (id: string) => ({
  id,
  data: { inputs: [], outputs: [], nodeMeta: { nodeType: 'x', aliasName: 'X' }, nodeParam: {} },
});

const CASES: [string, () => Protocol, number, string | RegExp][] = [
  [
    'nodes missing',
    () => withNodes((p) => delete (p.data as Partial<Protocol['data']>).nodes),
    20100,
    'nodes: field required (array)',
  ],
  [
    'no nodes',
    () => withNodes((p) => ((p.data.nodes = []), (p.data.edges = []))),
    22100,
    'Workflow engine protocol validation failed(Node configuration information not found)',
  ],
  [
    'an unknown node type',
    () => withNodes((p) => p.data.nodes.push(extraNode('node-teleport::1a2b')) as unknown as void),
    22101,
    'Workflow engine node protocol validation failed(Current workflow does not support node type: node-teleport)',
  ],
  [
    'a duplicate node id',
    () => withNodes((p) => p.data.nodes.push(structuredClone(p.data.nodes[1])) as unknown as void),
    22300,
    /^Workflow engine build failed\(Node: node-end::[0-9a-f-]+ duplicate build\)$/,
  ],
  [
    'an edge to an unknown node',
    () =>
      withNodes(
        (p) =>
          p.data.edges.push({
            sourceNodeId: p.data.nodes[0].id,
            targetNodeId: 'node-end::missing',
          }) as unknown as void,
      ),
    22300,
    'Workflow engine build failed(Node not found node-end::missing)',
  ],
  [
    'a cycle',
    () =>
      withNodes(
        (p) =>
          p.data.edges.push({
            sourceNodeId: p.data.nodes[1].id,
            targetNodeId: p.data.nodes[0].id,
          }) as unknown as void,
      ),
    22300,
    /^Workflow engine build failed\(Cycle detected/,
  ],
];

describe('protocol validation by engine build', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_TOKEN });
  });

  afterAll(async () => {
    await t.close();
  });

  it.each(CASES)(
    'add with %s answers the engine code, storing nothing',
    async (_c, make, code, message) => {
      const app = await newApp(t);
      const res = await t
        .http()
        .post('/workflow/v1/protocol/add')
        .send({ name: 'bad', app_id: app.alias, data: make() })
        .expect(200);
      expectError(res.body, code, message);
      expect(await rowsOfApp(t, app.alias)).toHaveLength(0);
    },
  );

  it.each(CASES)(
    'update with %s answers the engine code, changing nothing',
    async (_c, make, code, message) => {
      const app = await newApp(t);
      const id = await addFlow(t, { name: 'good', app_id: app.alias, data: validProtocol() });
      const before = (await flowRow(t, id))!;
      const res = await t
        .http()
        .post(`/sparkflow/v1/protocol/update/${id}`)
        .send({ name: 'renamed', data: make(), status: 1 })
        .expect(200);
      expectError(res.body, code, message);
      const after = (await flowRow(t, id))!;
      expect(after).toMatchObject({ name: 'good', status: 0, data: before.data, releaseData: {} });
    },
  );

  it.each(CASES)(
    'build of a stored flow with %s reports the engine message',
    async (_c, make, _code, message) => {
      const row = await seedFlow(t, { data: make() });
      const res = await t.http().post(`/workflow/v1/protocol/build/${row.id}`).expect(200);
      const frames = res.text
        .split('\n\n')
        .filter(Boolean)
        .map((block) => JSON.parse(block.replace(/^data: /, '')));
      expect(frames).toHaveLength(2);
      if (typeof message === 'string') expect(frames[0]).toEqual({ message });
      else expect(frames[0].message).toMatch(message);
      expect(frames[1]).toEqual({ end_of_stream: true, sid: expect.any(String) });
    },
  );

  it('keeps the route fallback when the protocol has no inner data object', async () => {
    const app = await newApp(t);
    const add = await t
      .http()
      .post('/workflow/v1/protocol/add')
      .send({ name: 'bad', app_id: app.alias, data: { name: 'no dsl', data: 'x' } });
    expectError(add.body, 20102, 'Protocol creation error');
    const id = await addFlow(t, { name: 'good', app_id: app.alias, data: validProtocol() });
    const update = await t
      .http()
      .post(`/workflow/v1/protocol/update/${id}`)
      .send({ data: { data: [] } });
    expectError(update.body, 20104, 'Protocol update failed');
    expect(await rowsOfApp(t, app.alias)).toHaveLength(1);
  });
});
