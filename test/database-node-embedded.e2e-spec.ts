import { Client } from 'pg';
import { createConnection } from 'mysql2/promise';
import {
  addFlow,
  createApps,
  DEBUG_CHAT,
  outcome,
  runChat,
  type Json,
  type World,
} from './chat.helpers';
import { databaseFlow } from './helpers/database-flow-dsl';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// Embedded mode (docs/nodes.md#database-embedded-mode) against the real PostgreSQL and MariaDB of
// the test host: statements run with bound parameters; DDL and second statements are refused.

const EVIL = "x'; DROP TABLE dbnode_people; -- ’ʼ‘\\";

interface Target {
  name: string;
  url: string;
  sql(statement: string): Promise<unknown>;
}

const table = `dbnode_people_${process.pid}`;

const targets: Target[] = [
  {
    name: 'postgres',
    url: process.env.DATABASE_NODE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    async sql(statement) {
      const client = new Client({ connectionString: this.url });
      await client.connect();
      try {
        return (await client.query(statement)).rows;
      } finally {
        await client.end();
      }
    },
  },
  {
    name: 'mariadb',
    url: process.env.DATABASE_NODE_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test',
    async sql(statement) {
      const connection = await createConnection(this.url);
      try {
        return (await connection.query(statement))[0];
      } finally {
        await connection.end();
      }
    },
  },
];

describe.each(targets)('database node, embedded $name', (target) => {
  let t: TestApp;
  let w: World;
  const key = target.name === 'postgres' ? 'SERIAL PRIMARY KEY' : 'INT AUTO_INCREMENT PRIMARY KEY';

  beforeAll(async () => {
    await target.sql(`DROP TABLE IF EXISTS ${table}`);
    await target.sql(`CREATE TABLE ${table} (id ${key}, name VARCHAR(200), age INT)`);
    t = await createTestApp({
      RUNTIME_ENV: 'test',
      DATABASE_NODE_URL: target.url,
      DATABASE_NODE_MAX_ROWS: '2',
    });
    w = await createApps(t, uniqueAlias(''));
  });
  afterAll(async () => {
    await t.close();
    await target.sql(`DROP TABLE IF EXISTS ${table}`);
  });

  const run = async (proto: Json, stream = true) =>
    outcome(
      await runChat(t, DEBUG_CHAT, w.caller, {
        flow_id: await addFlow(t, w.tenant, proto),
        stream,
        parameters: { name: EVIL, age: 41, ids: [1, 2, 3] },
      }),
    );
  const byName = [
    {
      logicalOperator: 'and',
      conditions: [
        { fieldName: 'name', varIndex: 'name', selectCondition: '=', fieldType: 'string' },
      ],
    },
  ];

  it('inserts, selects, updates and deletes with hostile values kept as data', async () => {
    const insert = await run(
      databaseFlow({ mode: 1, tableName: table }, { name: 'name', age: 'age' }),
    );
    expect(insert.code).toBe(0);
    expect(insert.text).toContain(JSON.stringify(EVIL).slice(1, -1).replace(/\\\\/g, '\\\\'));
    expect(await target.sql(`SELECT name, age FROM ${table}`)).toEqual([{ name: EVIL, age: 41 }]);

    const update = databaseFlow(
      { mode: 2, tableName: table, assignmentList: ['age'], cases: byName },
      { name: 'name', age: 'age' },
    );
    expect((await run(update, false)).code).toBe(0);

    const select = await run(
      databaseFlow({ mode: 3, tableName: table, limit: 5, cases: byName }, { name: 'name' }),
    );
    expect(select.text).toMatch(/"age": 41/);

    const custom = databaseFlow(
      {
        mode: 0,
        sql: `SELECT name FROM ${table} WHERE name = {{name}} AND id IN {{ids}} AND name LIKE '%{{name}}%'`,
      },
      { name: 'name', ids: 'ids' },
    );
    expect((await run(custom)).code).toBe(0);

    expect(
      (await run(databaseFlow({ mode: 4, tableName: table, cases: byName }, { name: 'name' })))
        .code,
    ).toBe(0);
    expect(await target.sql(`SELECT COUNT(*) AS n FROM ${table}`)).toEqual([
      { n: target.name === 'postgres' ? '0' : 0 },
    ]);
  });

  it('caps the rows', async () => {
    await target.sql(`INSERT INTO ${table} (name, age) VALUES ('a', 1), ('b', 2), ('c', 3)`);
    const res = await run(databaseFlow({ mode: 3, tableName: table, limit: 10 }, {}));
    expect(res.text).toMatch(/^success \(first 2 rows\)\|/);
  });

  it.each([
    [`DROP TABLE ${table}`],
    [`SELECT 1; DELETE FROM ${table}`],
    [`CREATE TABLE x_${table} (a INT)`],
    [`SELECT 1 -- comment`],
  ])('refuses %s with 21002', async (sql) => {
    expect(await run(databaseFlow({ mode: 0, sql }, {}))).toMatchObject({ code: 21002 });
    expect(await target.sql(`SELECT COUNT(*) AS n FROM ${table}`)).toBeDefined();
  });

  it('answers a failing statement with 21000', async () => {
    const res = await run(databaseFlow({ mode: 0, sql: 'SELECT * FROM dbnode_missing_table' }, {}));
    expect(res.code).toBe(21000);
  });
});
