import { newSnowflakeId } from '../src/core/ids/snowflake';
import { FlowEntity, LicenseEntity } from '../src/database/entities';
import { ADMIN_TOKEN, dataSource, seedFlow } from './helpers/app-fixtures';
import {
  addFlow,
  expectError,
  newApp,
  PREFIXES,
  UNKNOWN_ID,
  validProtocol,
} from './helpers/flow-layout';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// POST /protocol/build/{flow_id} (SSE, docs/api.md#build-flow) and GET /get_flow_info (docs/api.md#flow-info).

const SID = /^[a-z]+[0-9a-f]{8}@[a-z]+[0-9a-f]+2$/;

function frames(text: string): unknown[] {
  expect(text.endsWith('\n\n')).toBe(true);
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      expect(block.startsWith('data: ')).toBe(true);
      return JSON.parse(block.slice('data: '.length));
    });
}

describe('POST /protocol/build/{flow_id}', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_TOKEN });
  });

  afterAll(async () => {
    await t.close();
  });

  async function build(id: string, prefix: string = PREFIXES[0]) {
    const res = await t.http().post(`${prefix}/protocol/build/${id}`).expect(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['x-accel-buffering']).toBe('no');
    expect(res.headers['content-length']).toBeUndefined();
    return res;
  }

  it.each(PREFIXES)('answers only the end frame for a valid flow under %s', async (prefix) => {
    const app = await newApp(t);
    const id = await addFlow(t, { name: 'ok', app_id: app.alias, data: validProtocol() });
    const res = await build(id, prefix);
    expect(res.text).toMatch(/^data: \{"end_of_stream":true,"sid":"[^"]+"\}\n\n$/); // compact
    const [end] = frames(res.text) as { sid: string }[];
    expect(end.sid).toMatch(SID);
  });

  it('accepts a trailing slash', async () => {
    const app = await newApp(t);
    const id = await addFlow(t, { name: 'ok', app_id: app.alias, data: validProtocol() });
    const res = await t.http().post(`/sparkflow/v1/protocol/build/${id}/`).expect(200);
    expect(frames(res.text)).toEqual([{ end_of_stream: true, sid: expect.any(String) }]);
  });

  it('ignores a body, even an unreadable one (the route takes none)', async () => {
    const app = await newApp(t);
    const id = await addFlow(t, { name: 'ok', app_id: app.alias, data: validProtocol() });
    const res = await t
      .http()
      .post(`/workflow/v1/protocol/build/${id}`)
      .set('Content-Type', 'application/json')
      .send('{not json')
      .expect(200);
    expect(frames(res.text)).toEqual([{ end_of_stream: true, sid: expect.any(String) }]);
  });

  it('reports an unknown flow by its message, then ends', async () => {
    const res = await build(UNKNOWN_ID);
    expect(frames(res.text)).toEqual([
      { message: 'Flow ID not found' },
      { end_of_stream: true, sid: expect.stringMatching(SID) },
    ]);
  });

  it.each(['abc', '12x'])('reports a non-numeric id %p as "Protocol build failed"', async (id) => {
    const res = await build(id);
    expect(frames(res.text)).toEqual([
      { message: 'Protocol build failed' },
      { end_of_stream: true, sid: expect.any(String) },
    ]);
  });

  it.each([
    ['no protocol', null],
    ['an empty protocol', {}],
    ['data.data not an object', { data: 'x' }],
  ])('reports a stored flow with %s as "Protocol build failed"', async (_case, data) => {
    const row = await seedFlow(t, { data });
    const res = await build(row.id);
    expect(frames(res.text)).toEqual([
      { message: 'Protocol build failed' },
      { end_of_stream: true, sid: expect.any(String) },
    ]);
  });
});

describe('GET /get_flow_info/{flow_id}', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_TOKEN });
  });

  afterAll(async () => {
    await t.close();
  });

  const releaseData = {
    name: 'tool',
    data: {
      nodes: [
        {
          id: 'node-start::1',
          data: {
            outputs: [
              {
                name: 'AGENT_USER_INPUT',
                required: true,
                schema: { type: 'string', description: 'question' },
              },
              { name: 'doc', schema: { type: 'string' }, allowedFileType: ['pdf'] },
              { name: 'count', required: false, schema: { type: 'integer', description: 'n' } },
            ],
          },
        },
        { id: 'node-end::2', data: { outputs: [] } },
      ],
      edges: [],
    },
  };

  /** A flow of an app, optionally published (release_status) and licensed to the caller. */
  async function scenario(opts: { licence?: number; releaseStatus?: number } = {}) {
    const caller = await newApp(t);
    const row = await seedFlow(t, {
      name: 'mcp tool',
      description: 'a published tool',
      releaseData,
      releaseStatus: opts.releaseStatus ?? 0,
      appId: caller.alias,
    });
    if (opts.licence !== undefined) {
      const now = new Date();
      await dataSource(t).getRepository(LicenseEntity).insert({
        id: newSnowflakeId(),
        appId: caller.id,
        groupId: row.groupId,
        status: opts.licence,
        createAt: now,
        updateAt: now,
      });
    }
    return { caller, row };
  }

  it.each(PREFIXES)('answers the MCP descriptor of the published version under %s', async (p) => {
    const { caller, row } = await scenario({ licence: 1, releaseStatus: 1 });
    const res = await t
      .http()
      .get(`${p}/get_flow_info/${row.id}`)
      .set('X-Consumer-Username', caller.alias)
      .expect(200);
    expect(res.body).toEqual({
      code: 0,
      message: 'success',
      data: {
        name: 'mcp tool',
        description: 'a published tool',
        inputSchema: {
          type: 'object',
          properties: {
            AGENT_USER_INPUT: { type: 'string', description: 'question' },
            doc: { type: 'string', description: '', fileType: 'pdf' },
            count: { type: 'integer', description: 'n' },
          },
          required: ['AGENT_USER_INPUT'],
        },
      },
      sid: expect.stringMatching(SID),
    });
  });

  it('serves the highest published version and accepts the seed header spelling', async () => {
    const { caller, row } = await scenario({ licence: 1, releaseStatus: 4 });
    await dataSource(t)
      .getRepository(FlowEntity)
      .update({ id: row.id }, { releaseData: { data: { nodes: [] } } });
    await seedFlow(t, {
      groupId: row.groupId,
      version: 'v2.0',
      name: 'snapshot v2',
      releaseData,
      releaseStatus: 4,
      appId: caller.alias,
    });
    const res = await t
      .http()
      .get(`/workflow/v1/get_flow_info/${row.id}/`)
      .set('x_consumer_username', caller.alias)
      .expect(200);
    expect(res.body.data.name).toBe('snapshot v2');
    expect(Object.keys(res.body.data.inputSchema.properties)).toHaveLength(3);
  });

  it('answers 460 without the consumer header', async () => {
    const { row } = await scenario({ licence: 1, releaseStatus: 1 });
    const res = await t.http().get(`/workflow/v1/get_flow_info/${row.id}`).expect(200);
    expectError(res.body, 460);
    expect(res.body.message).toContain('Parameter: header->x-consumer-username');
  });

  it('answers 20201 for an unknown flow and 20209 for a non-numeric id', async () => {
    const alias = uniqueAlias();
    const unknown = await t
      .http()
      .get(`/workflow/v1/get_flow_info/${UNKNOWN_ID}`)
      .set('X-Consumer-Username', alias);
    expectError(unknown.body, 20201, 'Flow ID not found');
    const text = await t
      .http()
      .get('/workflow/v1/get_flow_info/not-a-number')
      .set('X-Consumer-Username', alias);
    expectError(text.body, 20209, 'Workflow retrieval failed');
  });

  it('answers 20004 without licence, 20005 with a disabled one', async () => {
    const unbound = await scenario({ releaseStatus: 1 });
    const res = await t
      .http()
      .get(`/workflow/v1/get_flow_info/${unbound.row.id}`)
      .set('X-Consumer-Username', unbound.caller.alias);
    expectError(res.body, 20004, 'Application not bound to workflow');
    const disabled = await scenario({ licence: 0, releaseStatus: 1 });
    const res2 = await t
      .http()
      .get(`/workflow/v1/get_flow_info/${disabled.row.id}`)
      .set('X-Consumer-Username', disabled.caller.alias);
    expectError(res2.body, 20005, 'Appid is prohibited from using this workflow');
  });

  it.each([0, 32, 8, 2 | 16])('answers 20204 when release_status is %p', async (bits) => {
    const { caller, row } = await scenario({ licence: 1, releaseStatus: bits });
    const res = await t
      .http()
      .get(`/workflow/v1/get_flow_info/${row.id}`)
      .set('X-Consumer-Username', caller.alias);
    expectError(res.body, 20204, 'Workflow not published');
  });

  it('serves the new release data after /protocol/update publishes (cache invalidated)', async () => {
    const { caller, row } = await scenario({ licence: 1, releaseStatus: 1 });
    const info = () =>
      t.http().get(`/workflow/v1/get_flow_info/${row.id}`).set('X-Consumer-Username', caller.alias);
    expect(Object.keys((await info()).body.data.inputSchema.properties)).toHaveLength(3);
    const protocol = validProtocol('republished');
    const update = await t
      .http()
      .post(`/workflow/v1/protocol/update/${row.id}`)
      .send({ name: 'renamed tool', data: protocol, status: 1 });
    expect(update.body.code).toBe(0);
    const after = (await info()).body.data;
    expect(after.name).toBe('renamed tool');
    expect(after.inputSchema).toEqual({
      type: 'object',
      properties: { AGENT_USER_INPUT: { type: 'string', description: 'question' } },
      required: ['AGENT_USER_INPUT'],
    });
  });

  it('stops serving a deleted flow (cache invalidated)', async () => {
    const { caller, row } = await scenario({ licence: 1, releaseStatus: 1 });
    const info = () =>
      t.http().get(`/workflow/v1/get_flow_info/${row.id}`).set('X-Consumer-Username', caller.alias);
    expect((await info()).body.code).toBe(0);
    const del = await t
      .http()
      .post('/workflow/v1/protocol/delete')
      .send({ flow_id: row.id, app_id: caller.alias });
    expect(del.body.code).toBe(0);
    expectError((await info()).body, 20201);
  });

  it('answers 20209 for a published protocol of the wrong shape', async () => {
    const { caller, row } = await scenario({ licence: 1, releaseStatus: 1 });
    await dataSource(t)
      .getRepository(FlowEntity)
      .update({ id: row.id }, { releaseData: { data: { nodes: [{ name: 'no id' }] } } });
    const res = await t
      .http()
      .get(`/workflow/v1/get_flow_info/${row.id}`)
      .set('X-Consumer-Username', caller.alias);
    expectError(res.body, 20209, 'Workflow retrieval failed');
  });
});
