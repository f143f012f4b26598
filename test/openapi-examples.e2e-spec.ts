import { FlowEntity } from '../src/database/entities';
import { HELLO_PROTOCOL } from '../src/core/http/openapi/demo-flow';
import {
  DEMO_APP,
  DEMO_COMPARE_VERSION,
  DEMO_FLOW_ID,
  DEMO_NEW_APP,
  DEMO_RETIRED_APP,
  DEMO_SCRATCH_FLOW_ID,
  REQUEST_EXAMPLES,
} from '../src/core/http/openapi/request-examples';
import { ADMIN_AUTH, ADMIN_TOKEN, dataSource } from './helpers/app-fixtures';
import { createTestApp, TestApp } from './helpers/test-app';

// Every request example of /openapi.json runs against the documented demo app and flows
// (seeded before each example) and gets the answer its route promises.

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  example?: string;
}
interface Operation {
  operationId: string;
  tags: string[];
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  security?: Record<string, string[]>[];
}
interface OpenApi {
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
}

/** Routes whose example cannot run here, with the reason; their examples are still checked. */
const NOT_RUNNABLE: Record<string, string> = {
  'POST /workflow/v1/upload_file': 'multipart upload: Swagger UI sends the chosen file',
  'POST /workflow/v1/upload_files': 'multipart upload: Swagger UI sends the chosen files',
  'GET /workflow/v1/files/{name}': 'the name is one an upload answered (random per upload)',
  'GET /workflow/v1/admin/runs/{run_id}': 'the id is one a run was given (random per run)',
};

/** Examples meant to show an error answer that code; every other example answers code 0. */
const EXPECTED_CODE: Record<string, number> = {
  // no run is paused under the example's event_id (a real one comes from an interrupt frame)
  'POST /workflow/v1/resume': 23900,
  'POST /workflow/v1/debug/resume': 23900,
};

describe('OpenAPI request examples', () => {
  let t: TestApp;
  let doc: OpenApi;
  const operations: [string, Operation][] = [];

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_TOKEN });
    doc = (await t.http().get('/openapi.json').expect(200)).body as OpenApi;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        operations.push([`${method.toUpperCase()} ${path}`, op]);
      }
    }
  });
  afterAll(() => t.close());

  const admin = () => t.http();

  async function ensureApp(alias: string, extra: Record<string, unknown>) {
    const found = await admin().get(`/workflow/v1/admin/apps/${alias}`).set(ADMIN_AUTH);
    if (found.body.code === 0) return;
    const res = await admin()
      .post('/workflow/v1/admin/apps')
      .set(ADMIN_AUTH)
      .send({ alias_id: alias, name: alias, api_key: `${alias}-key`, api_secret: 's', ...extra });
    expect(res.body).toMatchObject({ code: 0 });
  }

  async function ensureFlow(id: string) {
    const flows = dataSource(t).getRepository(FlowEntity);
    if (await flows.existsBy({ id })) return;
    const now = new Date();
    await flows.insert({
      id,
      groupId: id,
      name: 'hello',
      data: { name: 'hello', data: HELLO_PROTOCOL },
      releaseData: {},
      description: '',
      version: '-1',
      status: 0,
      releaseStatus: 0,
      appId: DEMO_APP,
      source: 1,
      tag: 0,
      createBy: '0',
      createAt: now,
      updateAt: now,
    });
  }

  /** The demo state the examples name, whatever the previous example changed. */
  async function seedDemo() {
    await ensureApp(DEMO_APP, { is_tenant: 1, source: 1, actual_source: 1, plat_release_auth: 1 });
    await ensureApp(DEMO_RETIRED_APP, {});
    await admin().delete(`/workflow/v1/admin/apps/${DEMO_NEW_APP}?force=true`).set(ADMIN_AUTH);
    await ensureFlow(DEMO_FLOW_ID);
    await ensureFlow(DEMO_SCRATCH_FLOW_ID);
    const tenant = { 'X-Consumer-Username': DEMO_APP };
    const published = await t
      .http()
      .post('/v1/publish')
      .set(tenant)
      .send({ flow_id: DEMO_FLOW_ID, release_status: 1, plat: 1, version: 'v1.0' });
    expect(published.body).toMatchObject({ code: 0 });
    const bound = await t
      .http()
      .post('/v1/auth')
      .set(tenant)
      .send({ flow_id: DEMO_FLOW_ID, app_id: DEMO_APP });
    expect(bound.body).toMatchObject({ code: 0 });
    await t
      .http()
      .delete('/workflow/v1/protocol/compare/delete')
      .send({ flow_id: DEMO_FLOW_ID, version: DEMO_COMPARE_VERSION });
  }

  /** Sends the operation's example: path, query and header parameters, JSON body. */
  function send(key: string, op: Operation) {
    const [method, template] = key.split(' ');
    const params = op.parameters ?? [];
    const value = (p: Parameter) => {
      if (p.example === undefined) throw new Error(`${key}: no example for ${p.in} ${p.name}`);
      return String(p.example);
    };
    let path = template;
    for (const p of params.filter((q) => q.in === 'path')) {
      path = path.replace(`{${p.name}}`, encodeURIComponent(value(p)));
    }
    const query = new URLSearchParams();
    for (const p of params.filter((q) => q.in === 'query' && q.example !== undefined)) {
      query.set(p.name, value(p));
    }
    const url = query.size > 0 ? `${path}?${query.toString()}` : path;
    const agent = t.http();
    const call = { GET: agent.get, POST: agent.post, PATCH: agent.patch, DELETE: agent.delete }[
      method
    ];
    if (!call) throw new Error(`${key}: unexpected method`);
    let req = call.call(agent, url);
    for (const p of params.filter((q) => q.in === 'header')) req = req.set(p.name, value(p));
    if (op.security?.some((s) => 'admin' in s)) req = req.set(ADMIN_AUTH);
    const body = op.requestBody?.content['application/json']?.example;
    return body === undefined ? req : req.send(body as object);
  }

  it('lists each handler once: aliases are served but not documented', async () => {
    const keys = operations.map(([key]) => key);
    expect(keys).toContain('POST /workflow/v1/protocol/get');
    expect(keys).toContain('POST /v1/publish');
    expect(
      keys.filter((k) => /\/sparkflow\/|\/workflow\/v1\/v1\/|\/workflow\/v1\/run$/.test(k)),
    ).toEqual([]);
    expect(keys).not.toContain('POST /workflow/v1/publish');
    expect(keys).not.toContain('POST /workflow/v1/protocol/compare/save');
    const get = doc.paths['/workflow/v1/protocol/get'].post;
    expect(get.operationId).toBe('ProtocolController_get');
    expect(get.description).toContain('Also served at `POST /sparkflow/v1/protocol/get`');
    expect(doc.paths['/v1/publish'].post.description).toContain(
      '`POST /workflow/v1/v1/publish`, `POST /workflow/v1/publish`',
    );
    // an alias still answers
    const res = await t.http().post('/sparkflow/v1/protocol/get').send({ flow_id: 'x' });
    expect(res.body).toMatchObject({ code: 20209 });
  });

  it('tags every operation with one declared resource tag', () => {
    const declared = doc.tags.map((tag) => tag.name);
    expect(declared).toEqual([
      'flows',
      'versions / publish',
      'runs',
      'resume',
      'files',
      'code',
      'admin',
      'health',
    ]);
    for (const [key, op] of operations) {
      expect([key, op.tags.length, declared.includes(op.tags[0])]).toEqual([key, 1, true]);
    }
    const tagOf = (path: string) => doc.paths[path].post.tags[0];
    expect(tagOf('/workflow/v1/resume')).toBe('resume');
    expect(tagOf('/workflow/v1/debug/resume')).toBe('resume');
    expect(tagOf('/workflow/v1/chat/completions')).toBe('runs');
    expect(tagOf('/workflow/v1/debug/chat/completions')).toBe('runs');
  });

  it('has a request example for every operation (a new route adds one to REQUEST_EXAMPLES)', () => {
    expect(operations.map(([key]) => key).filter((key) => !(key in REQUEST_EXAMPLES))).toEqual([]);
    expect(Object.keys(NOT_RUNNABLE).filter((key) => !(key in REQUEST_EXAMPLES))).toEqual([]);
  });

  it('gives every parameter and JSON body an example', () => {
    for (const [key, op] of operations) {
      for (const p of op.parameters ?? []) {
        if (p.required) expect([key, p.name, p.example]).toEqual([key, p.name, expect.anything()]);
      }
      const json = op.requestBody?.content['application/json'];
      if (json) expect([key, json.example]).toEqual([key, expect.anything()]);
    }
  });

  it('runs every runnable example with the documented answer', async () => {
    const runnable = operations.filter(([key]) => !(key in NOT_RUNNABLE));
    expect(runnable.length).toBe(operations.length - Object.keys(NOT_RUNNABLE).length);
    for (const [key, op] of runnable) {
      await seedDemo();
      const res = await send(key, op);
      expect([key, res.status]).toEqual([key, 200]);
      if (key.startsWith('GET /health') || key.startsWith('GET /ready')) {
        expect([key, res.body.status]).toEqual([key, 'ok']);
      } else if (key === 'POST /workflow/v1/protocol/build/{flow_id}') {
        // a successful build is the end frame alone
        expect(res.text).toMatch(/^data: \{"end_of_stream":true,"sid":"[^"]+"\}\n\n$/);
      } else {
        expect([key, res.body.code]).toEqual([key, EXPECTED_CODE[key] ?? 0]);
      }
    }
  });

  it('runs the demo flow through the chat examples and substitutes in node/debug', async () => {
    await seedDemo();
    const chat = doc.paths['/workflow/v1/chat/completions'].post;
    const run = await send('POST /workflow/v1/chat/completions', chat);
    expect(run.body.choices[0].delta.content).toBe('Hello, Ada!');
    const debug = doc.paths['/workflow/v1/node/debug'].post;
    const node = await send('POST /workflow/v1/node/debug', debug);
    expect(node.body.data.output).toBe('{"output": "Hello, Ada!"}');
  });
});
