import { randomUUID } from 'node:crypto';
import { FlowEntity } from '../../src/database/entities';
import { createAppViaAdmin, dataSource } from './app-fixtures';
import { TestApp } from './test-app';

// Helpers of the layout-route specs (flow-*.e2e-spec.ts): everything goes through HTTP except
// the row counts that prove a refused request left nothing behind.

export const PREFIXES = ['/workflow/v1', '/sparkflow/v1'] as const;

/** A protocol the structural check and the engine accept: start → end. */
export function validProtocol(name = 'demo'): Record<string, unknown> {
  const start = `node-start::${randomUUID()}`;
  const end = `node-end::${randomUUID()}`;
  return {
    id: '',
    name,
    description: 'echo',
    data: {
      nodes: [
        {
          id: start,
          data: {
            inputs: [],
            outputs: [
              {
                id: randomUUID(),
                name: 'AGENT_USER_INPUT',
                required: true,
                schema: { type: 'string', description: 'question' },
              },
            ],
            nodeMeta: { nodeType: 'start', aliasName: 'Start' },
            nodeParam: {},
          },
        },
        {
          id: end,
          data: {
            inputs: [
              {
                id: randomUUID(),
                name: 'output',
                schema: {
                  type: 'string',
                  value: { type: 'ref', content: { nodeId: start, name: 'AGENT_USER_INPUT' } },
                },
              },
            ],
            outputs: [],
            nodeMeta: { nodeType: 'end', aliasName: 'End' },
            nodeParam: { outputMode: 0 },
          },
        },
      ],
      edges: [{ sourceNodeId: start, targetNodeId: end, sourceHandle: '' }],
    },
  };
}

/** A fresh app (unique alias) with the given columns, registered through the admin API. */
export async function newApp(
  t: TestApp,
  columns: Record<string, unknown> = {},
): Promise<{ alias: string; id: string }> {
  const app = await createAppViaAdmin(t, { actual_source: 1, source: 1, ...columns });
  return { alias: app.alias_id as string, id: app.id as string };
}

/** Adds a flow through the API and returns its id; fails the test on a non-zero code. */
export async function addFlow(
  t: TestApp,
  body: Record<string, unknown>,
  prefix: string = PREFIXES[0],
): Promise<string> {
  const res = await t.http().post(`${prefix}/protocol/add`).send(body).expect(200);
  if (res.body.code !== 0) throw new Error(`add failed: ${JSON.stringify(res.body)}`);
  return res.body.data.flow_id as string;
}

export async function flowRow(t: TestApp, id: string): Promise<FlowEntity | null> {
  return dataSource(t).getRepository(FlowEntity).findOneBy({ id });
}

/** Rows owned by an app alias (aliases are unique per test, so this counts one test's rows). */
export async function rowsOfApp(t: TestApp, alias: string): Promise<FlowEntity[]> {
  return dataSource(t)
    .getRepository(FlowEntity)
    .find({ where: { appId: alias } });
}

/** A decimal id that names no row (snowflakes are ~7e18; this one is far below). */
export const UNKNOWN_ID = '1000000000000000001';

/** The wire envelope of an error, sid aside. */
export function expectError(
  body: Record<string, unknown>,
  code: number,
  message?: string | RegExp,
) {
  if (body.code !== code) throw new Error(`expected code ${code}, got ${JSON.stringify(body)}`);
  if (typeof message === 'string' && body.message !== message) {
    throw new Error(`expected message ${message}, got ${JSON.stringify(body.message)}`);
  }
  if (message instanceof RegExp && !message.test(String(body.message))) {
    throw new Error(`expected message ${message}, got ${JSON.stringify(body.message)}`);
  }
  if ('data' in body) throw new Error(`error envelope with data: ${JSON.stringify(body)}`);
  if (typeof body.sid !== 'string' || !body.sid) throw new Error('error envelope without sid');
}
