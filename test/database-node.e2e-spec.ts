import {
  addFlow,
  CHAT,
  createApps,
  DEBUG_CHAT,
  releasedFlow,
  runChat,
  type Json,
  type World,
  outcome,
} from './chat.helpers';
import { DatabaseServiceFixture } from './fixtures/database-service.fixture';
import { databaseFlow } from './helpers/database-flow-dsl';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// database node against the astron database service contract (docs/nodes.md#database), here a
// loopback fixture: the statement each mode sends, quoting of input values, and every error code.

const EVIL = "x'; DROP TABLE users; -- ’ʼ‘";
const ROW = { id: 7, name: 'ann', age: 30 };
const ok = (rows: Json[] = [ROW]) => ({
  body: { code: 0, message: 'done', sid: 'sid1', data: { exec_success: rows, exec_failure: [] } },
});

describe('database node (remote service)', () => {
  const service = new DatabaseServiceFixture();
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    await service.start();
    t = await createTestApp({
      RUNTIME_ENV: 'test',
      PGSQL_URL: service.url,
      DATABASE_NODE_TIMEOUT_MS: '1500',
    });
    w = await createApps(t, uniqueAlias(''));
  });
  afterAll(async () => {
    await t.close();
    await service.close();
  });

  const debug = async (proto: Json, stream = true) =>
    outcome(
      await runChat(t, DEBUG_CHAT, w.caller, {
        flow_id: await addFlow(t, w.tenant, proto),
        uid: 'runner1',
        stream,
        parameters: { name: EVIL, age: 30, ids: [1, 2] },
      }),
    );

  const select = databaseFlow(
    {
      mode: 3,
      tableName: 'users',
      spaceId: 5,
      limit: 10,
      assignmentList: ['id', 'name'],
      orderData: [{ fieldName: 'age', order: 'desc' }],
      cases: [
        {
          logicalOperator: 'and',
          conditions: [
            { fieldName: 'name', varIndex: 'name', selectCondition: '=', fieldType: 'string' },
            { fieldName: 'id', varIndex: 'ids', selectCondition: 'in', fieldType: 'integer' },
            {
              fieldName: 'age',
              varIndex: 'age',
              selectCondition: 'not null',
              fieldType: 'integer',
            },
          ],
        },
      ],
    },
    { name: 'name', ids: 'ids', age: 'age' },
  );

  it('debug chat: quotes input values, sends the identity and env test, answers the rows', async () => {
    service.script(ok());
    for (const stream of [true, false]) {
      expect(await debug(select, stream)).toEqual({
        code: 0,
        text: `done|${JSON.stringify([ROW]).replace(/,/g, ', ').replace(/:/g, ': ')}`,
        message: '',
      });
    }
    const [call] = service.calls;
    expect(call.body).toEqual({
      app_id: 'app1',
      database_id: 42,
      uid: 'runner1',
      env: 'test',
      space_id: '5',
      dml:
        "SELECT id, name FROM users WHERE name = 'x''; DROP TABLE users; -- ’ʼ‘' AND id IN (1, 2)" +
        ' AND (age IS NOT NULL AND age != 0) ORDER BY age DESC LIMIT 10',
    });
    expect(call.headers.authorization).toBe('Bearer $key1');
    expect(call.headers['x-consumer-username']).toBe('app1');
  });

  it('released chat (stream and not): env prod', async () => {
    const flowId = await releasedFlow(t, w, select);
    for (const stream of [true, false]) {
      service.script(ok());
      const res = await runChat(t, CHAT, w.caller, {
        flow_id: flowId,
        stream,
        parameters: { name: 'bob', age: 1, ids: [3] },
      });
      expect(outcome(res).text).toMatch(/^done\|\[\{"id": 7/);
      expect(service.calls[0].body.env).toBe('prod');
      expect(service.calls[0].body.dml).toContain("name = 'bob' AND id IN (3)");
    }
  });

  it('mode 1 inserts every input then reads the row back by id', async () => {
    service.script(ok([{ id: 7 }]), ok([{ ...ROW, extra: 1 }]));
    const res = await debug(
      databaseFlow({ mode: 1, tableName: 'users' }, { name: 'name', age: 'age' }),
    );
    expect(res.text).toBe('done|[{"id": 7, "name": "ann", "age": 30}]');
    expect(service.calls.map((c) => c.body.dml)).toEqual([
      "INSERT INTO users (name, age) VALUES ('x''; DROP TABLE users; -- ’ʼ‘', 30)",
      'SELECT * FROM users WHERE id = 7',
    ]);
  });

  const byName = [
    {
      logicalOperator: 'or',
      conditions: [
        { fieldName: 'name', varIndex: 'name', selectCondition: 'like', fieldType: 'string' },
      ],
    },
  ];

  it('mode 2 updates the assigned columns, mode 4 deletes, mode 0 fills placeholders', async () => {
    service.script(ok([]), ok([{ id: 1, name: 'n' }]));
    const update = databaseFlow(
      { mode: 2, tableName: 'users', assignmentList: ['age'], cases: byName },
      { name: 'name', age: 'age' },
    );
    expect((await debug(update)).text).toBe('done|[{"id": 1, "name": "n", "age": 0}]');
    expect(service.calls.map((c) => c.body.dml)).toEqual([
      "UPDATE users SET age = 30 WHERE name LIKE '%x''; DROP TABLE users; -- ’ʼ‘%'",
      "SELECT * FROM users WHERE name LIKE '%x''; DROP TABLE users; -- ’ʼ‘%'",
    ]);

    service.script(ok([]));
    await debug(databaseFlow({ mode: 4, tableName: 'users', cases: byName }, { name: 'name' }));
    expect(service.calls[0].body.dml).toBe(
      "DELETE FROM users WHERE name LIKE '%x''; DROP TABLE users; -- ’ʼ‘%'",
    );

    service.script(ok());
    const custom = databaseFlow(
      {
        mode: 0,
        sql: "select * from users where name = {{name}} or name = '{{name}}!' and id in {{ids}} and x = {{nope}}",
      },
      { name: 'name', ids: 'ids' },
    );
    expect((await debug(custom)).code).toBe(0);
    expect(service.calls[0].body.dml).toBe(
      "select * from users where name = 'x''; DROP TABLE users; -- ’ʼ‘' or name = 'x''; DROP TABLE users; -- ’ʼ‘!'" +
        ' and id in (1, 2) and x = {{nope}}',
    );
  });

  it('21000 for a refusal, a malformed body, a dropped connection and a stall', async () => {
    service.script({ body: { code: 500, message: 'no such table', sid: 'sid9' } });
    expect(await debug(select)).toMatchObject({
      code: 21000,
      message: 'PostgreSQL node request error(err code 500, reason no such table, sid sid9)',
    });
    service.script({ raw: '<html>bad gateway', status: 502 });
    expect(await debug(select, false)).toMatchObject({ code: 21000 });
    service.script({ drop: true });
    expect(await debug(select)).toMatchObject({ code: 21000 });
    service.script({ stallMs: 10_000 });
    const started = Date.now();
    expect(await debug(select, false)).toMatchObject({
      code: 21000,
      message: expect.stringContaining('no answer within 1500 ms'),
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('21001 for an update without conditions, 21002 for a blank table name', async () => {
    service.script(ok());
    expect(
      await debug(
        databaseFlow({ mode: 2, tableName: 'users', assignmentList: ['age'] }, { age: 'age' }),
      ),
    ).toMatchObject({ code: 21001 });
    expect(await debug(databaseFlow({ mode: 3, tableName: ' ' }, {}))).toMatchObject({
      code: 21002,
      message: expect.stringContaining('tableName is empty'),
    });
    expect(service.calls).toHaveLength(0);
  });
});

describe('database node without PGSQL_URL', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('fails the node with 22301', async () => {
    t = await createTestApp({ RUNTIME_ENV: 'test' });
    const w = await createApps(t, uniqueAlias(''));
    const res = await runChat(t, DEBUG_CHAT, w.caller, {
      flow_id: await addFlow(t, w.tenant, databaseFlow({ mode: 3, tableName: 'users' }, {})),
      parameters: {},
    });
    expect(outcome(res)).toMatchObject({
      code: 22301,
      message: expect.stringContaining('PGSQL_URL'),
    });
  });
});
